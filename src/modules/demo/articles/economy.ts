// Economy. The talen, its banks and its markets are invented for the Samizdat demo.
import type { DemoArticle } from '../demo.types.ts';

export const economyArticles: DemoArticle[] = [
  {
    slug: 'talen-lost-a-fifth-of-its-value-central-bank',
    language: 'en',
    title: "The talen has lost a fifth of its value since spring. The central bank's figures don't show it",
    standfirst:
      'The official exchange rate has barely moved in six months. At the exchange booths, on the card networks and in the price of imported goods, the currency tells a different story.',
    authorSlugs: ['tomas-kerel'],
    tagSlugs: ['economy', 'data'],
    hoursAgo: 7,
    hero: {
      seed: 5528,
      theme: 'steel',
      caption:
        'The National Bank of Kestavia building on Republic Square in Varensk on the morning the bank left its key rate unchanged for the fifth meeting in a row.',
      credit: 'Illustration: Teo Marsh / Ilmara',
      alt: 'Abstract illustration of a pale sun over flat grey hills, with three thin chimneys and a plume of smoke on the middle ridge.',
    },
    bodyHtml: `<p>According to the National Bank of Kestavia, a euro cost 96.4 talens on Monday, almost exactly what it cost in March. According to the handwritten board outside an exchange booth a few hundred metres from the bank's headquarters, it cost 118. Nobody in the queue in front of that booth was surprised.</p>
<p>Kestavia now has, in effect, three exchange rates. There is the official one, which the National Bank publishes each morning and which state companies and importers of "essential goods" are allowed to use. There is the rate at which ordinary banks will actually sell foreign currency to customers, when they have any to sell. And there is the rate that people pay in cash booths, through card transfers to relatives abroad and in the small but growing market for digital currencies. The gap between the first and the last has grown from about 3 percent in the spring to more than 20 percent today.</p>
<h2>What the data show</h2>
<p>Ilmara collected daily prices from 40 exchange booths in Varensk, Sertovo and Dolgomir over the past six months, along with the rates quoted by two peer-to-peer platforms that Kestavians use to buy foreign currency. Taken together, they show a steady slide in the talen's value from early May, a sharp drop after the government announced new restrictions on imports in August, and no recovery since.</p>
<p>The official rate, meanwhile, has moved by less than one percent. Economists we spoke to say that this is only possible because the National Bank is rationing access to foreign currency rather than selling enough of it to meet demand.</p>
<blockquote><p>"A price that nobody can actually trade at is not a price. It is a press release."</p><p>— An economist at a Varensk university, who asked not to be named because the university has warned staff against speaking to foreign media</p></blockquote>
<h2>Why it matters at the checkout</h2>
<p>Most of what Kestavians buy in shops, from medicines to phone chargers to coffee, is imported or contains imported parts. Importers who cannot get currency at the official rate buy it at the market rate and pass the difference on. That is why the official inflation figure, 7.8 percent a year, looks so different from what people see in the shops. Our own price tracking, which we publish monthly, suggests that imported everyday goods have become around 26 percent more expensive over the same period.</p>
<aside class="pull-quote">Kestavia now has three exchange rates, and ordinary people have access only to the worst one.</aside>
<h2>The reserves question</h2>
<p>In June the National Bank stopped publishing a monthly breakdown of its foreign-currency reserves, citing "the need to protect the financial system from external pressure". It still publishes a single headline figure, which has been unchanged, to the nearest hundred million, for four months. Two former employees of the bank told Ilmara that part of that figure consists of assets that cannot currently be sold, including deposits frozen abroad.</p>
<p>The National Bank did not respond to our questions. Its governor said on state television last week that "speculative rates in the grey market do not reflect the fundamental strength of the talen" and that the bank "has every tool it needs".</p>
<p>For households the practical advice from the economists we interviewed was sober: expect imported goods to keep getting dearer, be wary of anyone offering currency at rates close to the official one, and do not keep savings in cash at home, where they are most exposed to both inflation and theft.</p>`,
  },
  {
    slug: 'sertovo-wages-late-in-parts-or-vouchers',
    language: 'en',
    title: 'In Sertovo, wages arrive late, in parts, or as vouchers for the company shop',
    standfirst:
      "Workers at three of the northern city's largest employers say they are owed up to four months' pay. Some are being offered vouchers instead of money.",
    authorSlugs: ['ivo-sever'],
    tagSlugs: ['economy', 'sertovo'],
    hoursAgo: 70,
    hero: {
      seed: 6640,
      theme: 'steel',
      caption:
        'The shift change at the main gate of the Sertovo tractor plant on a weekday afternoon; the plant has paid its workers late every month since the spring.',
      credit: 'Illustration: Teo Marsh / Ilmara',
      alt: 'Abstract illustration of an industrial skyline with smoking chimneys on a grey ridge under a misty sky.',
    },
    bodyHtml: `<p>Every month, Olga checks her bank app on the fifteenth, the day her salary at the Sertovo tractor plant is supposed to arrive. Since April it has arrived on the fifteenth exactly once. In September she received 40 percent of it. In October she received a sheet of paper vouchers, printed in the plant's colours, that can be spent only at a shop on the plant's grounds.</p>
<p>"The shop has bread, pasta, sausage and vodka," she says. "The prices are higher than in town. But what can you do? The children have to eat."</p>
<p>Olga is one of 19 workers at three large employers in Sertovo, the industrial city in Kestavia's north, who told Ilmara that their wages were being paid late or only in part. Their accounts are supported by payslips, bank statements and a copy of an internal memo at the tractor plant describing the voucher scheme as a "temporary measure of social support". We are not using workers' surnames; all of them fear dismissal.</p>
<h2>Who owes what</h2>
<p>The workers we spoke to were employed by the tractor plant, the aluminium works and the regional bus company. The amounts owed ranged from a single month's pay to more than four months. At the bus company, drivers said they had been told to expect their summer wages "after the budget is adjusted", without any date.</p>
<p>Official statistics record wage arrears in the Sertovo region of 212 million talens as of September, three times the figure a year earlier. The regional labour inspectorate has received more than 1,400 complaints this year, according to a report presented to the regional assembly, which Ilmara has seen. The report was not published.</p>
<ul>
<li>Tractor plant: pay delayed every month since April; partial payments and shop vouchers since September.</li>
<li>Aluminium works: quarterly bonus, roughly a third of take-home pay, unpaid since the plant was sold.</li>
<li>Regional bus company: July and August wages still outstanding for most drivers.</li>
</ul>
<h2>No one to complain to</h2>
<p>Kestavia's independent trade unions were dissolved by court order two years ago, and the officially recognised federation has not organised a single protest over the arrears. Workers who have written complaints say that they were called in by managers afterwards and reminded that "there are plenty of people who would like your job".</p>
<blockquote><p>"In the nineties my father was paid in saucepans. I never thought I would tell my own children the same story."</p><p>— Andrei, a crane operator at the aluminium works</p></blockquote>
<p>Some workers have found ways around the system. Several said they had taken second jobs as delivery drivers, and two described selling vouchers to colleagues at a discount to raise cash for rent. Others are leaving: the head of a Sertovo school told us that eleven families had withdrawn children this term, most of them moving to Varensk or abroad.</p>
<h2>What the employers say</h2>
<p>The tractor plant said in a statement that it was "fulfilling its social obligations in a difficult external environment" and that all arrears would be cleared "by the end of the year". The regional bus company blamed delayed subsidies from the regional budget. The aluminium works did not reply. In a speech last month the governor of the Sertovo region called reports of wage arrears "exaggerated by people who want to see Kestavia weak".</p>
<p>Olga has started keeping a notebook of what she is owed, month by month. The total on the last page is a little over 180,000 talens. "I write it down so that when someone asks, I can show them," she says. "Nobody has asked yet."</p>`,
  },
  {
    slug: 'what-1000-talens-buys-varensk-central-market',
    language: 'en',
    title: "What 1,000 talens buys at Varensk's Central Market now",
    standfirst:
      'We went shopping with the same list we used a year ago. The basket cost 37 percent more, and the sellers behind the counters have their own explanations.',
    authorSlugs: ['tomas-kerel'],
    tagSlugs: ['economy', 'varensk', 'data'],
    hoursAgo: 190,
    hero: {
      seed: 3817,
      theme: 'dusk',
      caption:
        "Stalls closing at the covered hall of Varensk's Central Market at the end of a Saturday, when traders mark down what will not keep until Monday.",
      credit: 'Illustration: Kasia Ruden',
      alt: 'Abstract illustration of a large pale sun setting over violet hills and a rose-coloured sky streaked with thin clouds.',
    },
    bodyHtml: `<p>A year ago, an Ilmara reporter took a shopping list and 1,000 talens to Varensk's Central Market, the covered hall by the river where the city has bought its vegetables, meat and cheese for more than a century. The list was modest: enough for a family of three to eat for a few days. There were 160 talens left over.</p>
<p>Last Saturday we went back with the same list, to the same stalls where we could find them. The money ran out before the list did.</p>
<h2>The basket</h2>
<p>Here is what the items cost, a year ago and now, rounded to the nearest talen:</p>
<ul>
<li>Two kilograms of potatoes: 58, now 74.</li>
<li>A kilogram of onions: 31, now 46.</li>
<li>A kilogram of apples from the Sarnic Hills: 72, now 88.</li>
<li>A dozen eggs: 96, now 141.</li>
<li>A kilogram of chicken legs: 188, now 262.</li>
<li>Half a kilogram of farmer's cheese: 121, now 164.</li>
<li>A loaf of rye bread and a white loaf: 64, now 83.</li>
<li>A litre of sunflower oil: 94, now 139.</li>
<li>A small bag of imported coffee: 116, now 184.</li>
</ul>
<p>Total: 840 talens a year ago, 1,181 now, an increase of 41 percent on the items themselves. Allowing for two items that we found cheaper at a neighbouring stall, the whole basket came to 37 percent more. The official inflation figure for the same period is 7.8 percent.</p>
<p>Our basket is not a statistical sample, and we do not present it as one. But it tracks closely with the monthly price survey we run with volunteers in five cities, and with what every seller we spoke to told us without being asked.</p>
<aside class="pull-quote">"I don't raise the price. The price raises itself, and I apologise."</aside>
<h2>Behind the counters</h2>
<p>Marta has sold eggs and chicken at the market for nineteen years. Feed for her birds, she says, is priced in euros even when it is grown in Kestavia, because the companies that sell it pay for fuel, vitamins and spare parts in foreign currency. "I don't raise the price," she says. "The price raises itself, and I apologise."</p>
<p>At the next counter, a cheese seller from a village near Dolgomir said his costs had risen less than the price of feed, but that he had lost a third of his regular customers. "People buy half a kilo where they used to buy a kilo. Or they come on Saturday evening, when I mark things down." He showed us a notebook in which he has started recording the debts of pensioners who pay at the end of the month.</p>
<p>The coffee was the biggest jump. Imported goods are where the gap between the official exchange rate and the one importers actually pay, which we <a href="https://ilmara.example/economy">have written about</a>, hits hardest. The seller, who asked not to be named, said that a wholesaler had raised prices four times since the summer.</p>
<h2>What people are doing</h2>
<p>Shoppers we spoke to described familiar strategies: buying in bulk with neighbours, returning to village relatives for potatoes and preserves, switching from chicken to offal, from coffee to chicory. A retired teacher said she now visits three markets on foot to compare prices. "It is exercise," she said, "and it is the only thing that is still free."</p>
<p>We will go back with the same list next year.</p>`,
  },
  {
    slug: 'money-from-abroad-rivals-pension-budget',
    language: 'en',
    title: 'Money sent home from abroad now rivals the state pension budget, our analysis finds',
    standfirst:
      'Kestavians who have left the country sent home an estimated 61 billion talens last year. The government is treating the flow as both a lifeline and a threat.',
    authorSlugs: ['mattis-roen', 'tomas-kerel'],
    tagSlugs: ['economy', 'data', 'exile'],
    hoursAgo: 320,
    hero: {
      seed: 1450,
      theme: 'lake',
      caption:
        'The ferry pier at Dolgomir on Lake Tuvor, where families wait for relatives returning from work in Sorvia for the holidays.',
      credit: 'Illustration: Kasia Ruden',
      alt: 'Abstract illustration of a low sun reflected in a calm blue lake, with a dark bank in the foreground.',
    },
    bodyHtml: `<p>Each month, tens of thousands of Kestavians living abroad send money home. A builder in Aldra wires part of his wages to his parents in Sertovo. A nurse abroad pays her sister's rent in Varensk. A programmer who left after the protests covers his grandmother's medicines. Individually, the sums are small. Together, by our estimate, they reached about 61 billion talens last year.</p>
<p>That is roughly 88 percent of what the state spent on pensions over the same period, and more than it spent on health care.</p>
<h2>How we estimated it</h2>
<p>The National Bank of Kestavia stopped publishing detailed statistics on cross-border transfers two years ago. To build our estimate, we combined three sources:</p>
<ol>
<li>the published annual reports of the four largest money-transfer services operating in the region, which give total volumes to Kestavia;</li>
<li>data from the central banks of the three neighbouring countries where most Kestavian emigrants live, which publish outgoing transfers by destination;</li>
<li>a survey of 1,200 Kestavians abroad, carried out for Ilmara by volunteers in Aldra, about how much they send and by which route.</li>
</ol>
<p>Card transfers and cash carried across the border are the hardest part to measure. Our central estimate assumes that they add about a quarter to the recorded figure; the true total could be anywhere between 52 and 70 billion talens. We have published our method and the underlying tables in <a href="https://data.ilmara.example/remittances">our data archive</a> so that others can check it.</p>
<aside class="pull-quote">In some districts of the north, money from relatives abroad is now the largest single source of household income.</aside>
<h2>Who depends on it</h2>
<p>The flow is uneven. Our survey suggests that most money goes to the industrial north and to rural districts around Lake Tuvor, the regions that lost the most working-age people over the past decade. In several districts of the Sertovo region, we estimate that transfers from abroad are now larger than all local wages combined.</p>
<p>Economists say that this money has helped keep consumer spending, and therefore tax revenue, from collapsing as real wages fall. "Remittances are the country's quiet stabiliser," one economist, who previously worked at the finance ministry, told us. "The people the government calls traitors are paying for a good part of the pensions."</p>
<h2>A lifeline under suspicion</h2>
<p>The government's position is contradictory. Officials routinely praise "patriotic citizens working abroad" when announcing economic figures. At the same time, a law passed in the spring requires banks to report any transfer from abroad above 50,000 talens to the financial monitoring service, and the Directorate for Constitutional Order has warned that transfers can be used to "finance extremist activity".</p>
<p>Several people who send money told us they had switched to smaller, more frequent transfers to stay under the threshold, or had asked relatives to open accounts at smaller banks. Two said relatives in Kestavia had been questioned about the origin of money they received.</p>
<p>The finance ministry did not respond to our request for comment. In a statement to parliament last month, the deputy finance minister described transfers from abroad as "a modest supplement to family budgets".</p>`,
  },
];
