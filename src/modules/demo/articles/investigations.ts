// Investigations. Every person, organisation and place in these stories is invented for the
// Samizdat demo; the riskiest ones run under the pen name Nika Dorn.
import type { DemoArticle } from '../demo.types.ts';

export const investigationsArticles: DemoArticle[] = [
  {
    slug: 'observers-who-werent-security-service-election-monitors',
    language: 'en',
    title: "The observers who weren't: leaked rosters tie 41 'independent monitors' to the security service",
    standfirst:
      'Dozens of the election observers praised on state television last spring were serving officers of the Directorate for Constitutional Order, registered through three monitoring groups created months before the vote.',
    authorSlugs: ['nika-dorn'],
    tagSlugs: ['investigations', 'elections', 'varensk'],
    hoursAgo: 3,
    hero: {
      seed: 4107,
      theme: 'night',
      caption:
        'Polling station No. 118 in the Tervosh district of Varensk on the night of the parliamentary vote, when the count closed with a reported turnout of 91 percent.',
      credit: 'Illustration: Alina Dreyer / Ilmara',
      alt: 'Abstract illustration of a crescent moon over dark blue hills, with a scatter of lit windows on the nearest ridge.',
    },
    bodyHtml: `<p>When the Central Election Commission published its list of accredited observers for last spring's parliamentary vote, three organisations stood out. None of them had existed a year earlier. Between them, the Civic Monitoring League, Honest Ballot Kestavia and the Association for Transparent Choice sent 212 observers to polling stations in Varensk and four other regions. All three later told state television that the vote had been "calm, orderly and free of significant violations".</p>
<p>Ilmara has obtained internal staff rosters from the Directorate for Constitutional Order, the security service that answers directly to the presidential administration. Checked against the accreditation lists, they show that at least 41 of those 212 observers were serving officers of the Directorate on polling day. Another 17 were employees of regional administrations. Several were accredited at polling stations where independent observers later reported ballot stuffing.</p>
<h2>How we checked</h2>
<p>The rosters, which cover two departments of the Directorate's Varensk office, were passed to Ilmara by a source with access to them. We did not rely on the documents alone. For each of the 41 names we looked for independent confirmation: a match in a leaked vehicle-registration database that lists the Directorate's garage as an address, a match in court records where officers appear as witnesses, or a photograph from the Directorate's own award ceremonies, some of which were posted on its website before the page was taken down.</p>
<p>Thirty-three of the 41 are confirmed by two or more such sources; the remaining eight by one. We are publishing no names. Many of the officers are junior, and our purpose is to show how the system works, not to expose individuals who were following orders.</p>
<h2>Three organisations, one address</h2>
<p>All three monitoring groups were registered within five weeks of each other. Their founding documents, which are public, list different chairs but the same accountant, and two of them give the same legal address: an office on Kalinova Street in Varensk that, according to the building's management company, is rented by a firm providing "security consulting" to state enterprises.</p>
<p>None of the three organisations answered our questions. A woman who picked up the phone at the Civic Monitoring League said she was "only a volunteer" and hung up when asked who had paid for the observers' travel.</p>
<blockquote><p>"We were told the observers from the new groups would sit at the table and sign the protocol. Our job was to make sure nobody else needed to."</p><p>— A member of a precinct commission in Varensk, who asked not to be named</p></blockquote>
<h2>What the observers did</h2>
<p>Independent monitors who were at the polls describe a consistent pattern. The new observers arrived early, stayed close to the commission chair and, when others tried to film the ballot box or count the signatures in the voter list, objected that they were "disrupting the process". In at least six precincts, according to complaints filed at the time, they signed protocols stating that no violations had occurred within minutes of the count closing.</p>
<p>One of those precincts, No. 118 in Varensk's Tervosh district, reported a turnout of 91 percent, more than twice the city average. Video filmed by a voter and verified by Ilmara shows a man dropping a stack of folded ballots into the box shortly before noon. An officer named on the Directorate roster was accredited as an observer at that precinct.</p>
<aside class="pull-quote">At least 41 of the 212 "independent" observers were serving officers of the security service on polling day.</aside>
<h2>Why it matters now</h2>
<p>The three organisations have already applied for accreditation for the coming constitutional referendum. In its guidance to precinct commissions, the Central Election Commission cites their reports as evidence that "civil monitoring in Kestavia is broad and professional". Genuine observer groups, meanwhile, have been labelled foreign agents or dissolved by court order. The largest of them, Open Count, closed last year after its coordinator was charged with "interfering in the work of election commissions".</p>
<p>We sent detailed questions to the Directorate and to the Central Election Commission. The Directorate did not reply. The commission's press office said that "all observers were accredited in strict accordance with the law" and that it "does not comment on materials of unknown origin".</p>
<p>If you served on a precinct commission or worked as an observer and want to tell us what you saw, you can reach us through the channels described on <a href="https://ilmara.example/contact">our contact page</a>. We will never publish anything that could identify you.</p>`,
  },
  {
    slug: 'sertovo-aluminium-works-sold-for-a-tenth',
    language: 'en',
    title:
      'Sold for a tenth: how the Sertovo aluminium works passed to a company registered in a two-room flat',
    standfirst:
      "The country's largest industrial asset was privatised for 410 million talens, about a tenth of its audited value. Company filings and court records show the buyer's trail leads to the family of a senior presidential official.",
    authorSlugs: ['nika-dorn', 'tomas-kerel'],
    tagSlugs: ['investigations', 'sertovo', 'data'],
    hoursAgo: 96,
    hero: {
      seed: 7312,
      theme: 'ember',
      caption:
        'The potlines of the Sertovo aluminium works seen from the ring road north of the city at dusk, a week after the privatisation auction closed.',
      credit: 'Illustration: Teo Marsh / Ilmara',
      alt: 'Abstract illustration of factory chimneys trailing dark smoke against an orange evening sky above layered red hills.',
    },
    bodyHtml: `<p>The auction for the Sertovo aluminium works lasted four minutes. There was one bidder, one bid and no competition: Northline Metals, a company founded eleven weeks earlier, offered the starting price of 410 million talens and won. The state property agency announced the result as "a successful step in the modernisation of heavy industry".</p>
<p>Two years before the sale, an audit commissioned by the same agency had valued the plant, its power contracts and its rail sidings at 4.3 billion talens. The works employ some 6,800 people and account, by our estimate, for nearly a tenth of Kestavia's exports.</p>
<h2>A flat on Orchard Lane</h2>
<p>Northline Metals is registered at a two-room flat on Orchard Lane in Varensk. Its sole shareholder at the time of the auction was a 26-year-old whose previous business experience, according to the company register, consisted of a car-wash franchise that was wound up after a year. When an Ilmara reporter knocked on the door of the flat, an elderly neighbour said the apartment had been empty "for as long as I can remember".</p>
<p>Birth and marriage records, together with a wedding announcement that was later deleted from a social network, show that the shareholder is the nephew of Ruslan Vedenko, a deputy head of the presidential administration who oversees industrial policy. Mr Vedenko chaired the interagency commission that set the terms of the auction, including the requirement that bidders have "experience in the management of strategic assets", which the commission was free to interpret.</p>
<h2>Whose money paid</h2>
<p>Northline did not use its own money. Eight days before the auction, the state-owned Kestavia Development Bank approved a fifteen-year loan of 400 million talens to the company at an interest rate of two percent, well below the rate at which the bank itself borrows. The loan is secured against the shares of the aluminium works, which Northline did not yet own when the loan was approved.</p>
<p>Within six months, the works paid a dividend of 180 million talens to its new owner. Filings show that Northline then transferred most of that money to a holding company registered in the Marlow Islands, a jurisdiction that does not publish the names of shareholders.</p>
<aside class="pull-quote">The plant paid its new owner 180 million talens within six months: nearly half the price of the auction.</aside>
<h2>What changed at the plant</h2>
<p>Workers at the works, who asked not to be named because they fear dismissal, told us that investment in maintenance has stopped and that the bonus which made up a third of their pay has not been paid since the sale. Our colleague Ivo Sever has reported on wage arrears in Sertovo, and the aluminium works is now among the employers named most often in complaints to the regional labour inspectorate.</p>
<ul>
<li>Audited value two years before the sale: 4.3 billion talens.</li>
<li>Sale price: 410 million talens, paid with a 400 million loan from a state bank.</li>
<li>Dividend paid in the first six months: 180 million talens.</li>
<li>Workers employed: about 6,800.</li>
</ul>
<h2>The responses</h2>
<p>Northline Metals said in a written reply that the purchase "complied with every requirement of the law" and that the company "is not obliged to disclose its business plans to foreign-funded media". The Kestavia Development Bank said that it "does not comment on individual clients". Mr Vedenko's office did not respond to three written requests for comment, and his nephew did not answer calls or messages.</p>
<p>The state property agency has since removed the audit report from its website. Ilmara has published a copy, together with the loan documents and company filings, in <a href="https://data.ilmara.example/sertovo-works">our document archive</a>.</p>`,
  },
  {
    slug: 'block-4-former-detainees-kolna-pre-trial-centre',
    language: 'en',
    title: 'Block 4: former detainees describe life inside the Kolna pre-trial centre',
    standfirst:
      'Eleven people held at Kolna after the autumn protests spoke to Ilmara. Their accounts, checked against letters, court files and medical records, describe overcrowding, denied medical care and punishment for writing home.',
    authorSlugs: ['nika-dorn'],
    tagSlugs: ['investigations', 'political-prisoners'],
    hoursAgo: 290,
    hero: {
      seed: 2291,
      theme: 'night',
      caption:
        'The perimeter wall of the Kolna pre-trial detention centre, east of Varensk, where relatives queue before dawn to hand in parcels.',
      credit: 'Illustration: Alina Dreyer / Ilmara',
      alt: 'Abstract illustration of a thin crescent moon and stars above dark layered ridges under a deep blue sky.',
    },
    bodyHtml: `<p>The cell was built for eight people. Mirek, a 23-year-old student who was detained after the autumn protests in Varensk, says he shared it with nineteen. Men slept in shifts, two to a bunk, and the rest sat on the floor by the door. "You learn to sleep sitting up," he said. "You learn not to ask for anything, because asking makes it worse."</p>
<p>Mirek is one of eleven former detainees of the Kolna pre-trial detention centre who described their time there to Ilmara over the past four months. All were arrested in connection with the protests that followed the announcement of the constitutional referendum; all have since been released, most after paying fines or receiving suspended sentences. Five have left Kestavia. We have changed or withheld their names.</p>
<h2>How we verified their accounts</h2>
<p>We interviewed each person separately, in most cases more than once. We compared their descriptions of the building, the routine and the staff with one another, and checked dates and cell numbers against court documents, lawyers' notes and letters that the detainees sent to their families. Three shared medical records from after their release. Where only one person described an event, we say so.</p>
<h2>What they describe</h2>
<p>The accounts agree on the basic conditions in Block 4, where most people detained after the protests were held:</p>
<ul>
<li>cells holding two to three times the number of people they were designed for;</li>
<li>a single hour outdoors each week rather than the daily walk required by law;</li>
<li>medicines sent by relatives withheld for days or not passed on at all;</li>
<li>letters delayed for weeks, and in several cases returned with passages blacked out;</li>
<li>visits from lawyers cut short or cancelled at the last minute.</li>
</ul>
<p>Four people told us that detainees who wrote complaints to the prosecutor's office were afterwards moved to a punishment cell for several days. Two of them were moved themselves. One, a 41-year-old schoolteacher we are calling Alena, said that after she wrote to the prosecutor about a cellmate who was not receiving insulin, she spent five days in a cell without a mattress. Her lawyer's notes from the following week record the same account.</p>
<aside class="pull-quote">"You learn not to ask for anything, because asking makes it worse."</aside>
<h2>A doctor who was not called</h2>
<p>The most serious case we examined is that of a man in his sixties, detained for a post on a social network, who fell ill in his cell in the second week of his detention. Three former cellmates said that they called for the guards for most of a night before he was taken to the medical unit. He was transferred to a city hospital two days later. His family declined to speak to us, but his discharge summary, which we have seen, records a heart condition that had gone untreated.</p>
<p>Kestavia's own regulations require a medical examination within a day of arrival at a detention centre and access to a doctor on request. None of the eleven people we spoke to said they had been examined on arrival.</p>
<h2>The official response</h2>
<p>The State Penitentiary Department said in a reply to our questions that the Kolna centre "operates in full compliance with the law", that "temporary increases in occupancy" were "resolved promptly" and that all detainees "receive the medical care they need". It did not answer questions about punishment cells or delayed letters.</p>
<p>Kolna still holds at least 27 people detained in connection with the protests, according to the volunteer legal aid group Open Door, which tracks political cases. Their families continue to queue at the gate before dawn with parcels of food and warm clothes.</p>`,
  },
  {
    slug: 'brevno-crossing-border-guards-copy-phones',
    language: 'en',
    title: 'At the Brevno crossing, border guards copy phones. We tested what they take',
    standfirst:
      'Travellers leaving Kestavia for Sorvia say their phones are taken into a back room for up to forty minutes. We sent two prepared phones through the crossing and had them examined afterwards.',
    authorSlugs: ['ivo-sever', 'mattis-roen'],
    tagSlugs: ['investigations', 'safety', 'exile'],
    hoursAgo: 215,
    hero: {
      seed: 9034,
      theme: 'frost',
      caption:
        'The queue of cars at the Brevno border crossing on the road from Kestavia to Sorvia on a winter morning, when waits can stretch past six hours.',
      credit: 'Illustration: Kasia Ruden',
      alt: 'Abstract illustration of pale blue-grey hills under a white winter sun, with flakes of snow drifting across the frame.',
    },
    bodyHtml: `<p>The request is always polite. A border guard at the Brevno crossing asks the traveller to unlock their phone "for a routine check", takes it into a room behind the passport booths, and brings it back twenty, thirty, sometimes forty minutes later. Nobody is told what was done to it.</p>
<p>Over the past two months Ilmara collected accounts from 34 people who crossed from Kestavia into Sorvia at Brevno, the busiest land border for people leaving the country. Twenty-two said their phones had been taken out of sight. In every case the guards asked for the phone to be unlocked first.</p>
<h2>The experiment</h2>
<p>To find out what happens in the back room, we prepared two phones of popular mid-range models. We installed common messaging apps, created accounts for invented people, wrote conversations between them, took photographs and set a few browser bookmarks, including one to our own site. Each phone also carried monitoring tools, set up for us by a digital security group in Aldra, which record when files are read and which connections are made.</p>
<p>Two volunteers, both of whom already lived abroad and carried no real personal data on the test phones, crossed at Brevno on separate days. Both were asked to unlock their phones. One was returned after 25 minutes, the other after 38.</p>
<h2>What was taken</h2>
<p>The analysis found that both phones had been connected by cable to a computer running a commercial extraction tool, of a kind sold to police forces around the world. In the time they were out of sight, the tool copied:</p>
<ul>
<li>the full contact list, including contacts stored only in messaging apps;</li>
<li>the message history of every installed messaging app that was not protected by a separate app lock;</li>
<li>all photographs, with their location data and timestamps;</li>
<li>browser history and bookmarks;</li>
<li>the list of installed apps and the accounts signed in to them.</li>
</ul>
<p>On neither phone did the tool open chats that were protected by an additional passcode, and it did not copy messages that had been set to disappear before the crossing.</p>
<aside class="pull-quote">A phone out of sight for half an hour should be treated as a phone that has been copied.</aside>
<h2>Why it matters</h2>
<p>Three of the 34 travellers told us they had later been questioned by the Directorate for Constitutional Order about people in their contact lists. One, a nurse from Sertovo, said an officer showed her a printout of a group chat she had left months earlier. We could not independently confirm that the printout came from her phone, but the timing is consistent with the other accounts.</p>
<p>Kestavia's border service says that inspections are carried out "in accordance with the law on state border security", which allows guards to examine "items and documents" carried across the border. The law does not mention phones or data. The service did not answer our question about which software it uses.</p>
<h2>What travellers can do</h2>
<p>Digital security trainers we spoke to say that the safest phone at a border is one that holds very little. Their advice: back up what you need and cross with a phone that has been reset or carries only what you can afford to lose; set sensitive chats to disappear well before the journey; remove photographs with location data; and log out of accounts you do not need on the road. Our guide to <a href="https://ilmara.example/safety">reading and contacting us safely</a> has more detail.</p>`,
  },
];
