// Environment. Lake Tuvor, the Ilmara river and the Sarnic Hills are invented for the Samizdat demo.
import type { DemoArticle } from '../demo.types.ts';

export const environmentArticles: DemoArticle[] = [
  {
    slug: 'lake-tuvor-is-shrinking-satellite-images',
    language: 'en',
    title: 'Lake Tuvor is shrinking. Satellite images show how fast',
    standfirst:
      "Kestavia's largest lake has lost almost a fifth of its surface in fifteen years. The government calls it a natural cycle; the images point to the irrigation canals upstream.",
    authorSlugs: ['pavel-ostrin', 'mattis-roen'],
    tagSlugs: ['environment', 'lake-tuvor', 'data'],
    hoursAgo: 30,
    translationKey: 'lake-tuvor-shrinking',
    hero: {
      seed: 8821,
      theme: 'lake',
      caption:
        'Lake Tuvor at sunrise from the old fishing pier at Dolgomir, which stood in two metres of water fifteen years ago and now ends on dry sand.',
      credit: 'Illustration: Kasia Ruden',
      alt: 'Abstract illustration of a pale sun rising over a wide blue lake, its reflection broken into bright horizontal strokes.',
    },
    bodyHtml: `<p>Fifteen years ago, the fishing pier at Dolgomir stood in two metres of water. Today it ends on dry sand, and the boats it once served are moored almost four hundred metres further out. "My grandfather built this pier," says Stefan, who still fishes from Dolgomir. "Now my grandson plays football where the water was."</p>
<p>What the people of Dolgomir see from the shore, satellites see from above. Ilmara analysed more than three hundred freely available satellite images of Lake Tuvor, taken every summer since the early 2000s, to measure how the lake's surface has changed. The answer is stark: Kestavia's largest lake has lost about 18 percent of its area in fifteen years.</p>
<h2>How we measured it</h2>
<p>For each summer, we chose cloud-free images taken in late July and August, when the water level is at its lowest and most stable. We used a standard method that separates water from land by the way each reflects light, then counted the water pixels. We checked the results against old navigation charts and against measurements published by the state hydrological service until it stopped releasing them six years ago.</p>
<ul>
<li>Surface area fifteen years ago: about 2,340 square kilometres.</li>
<li>Surface area last summer: about 1,920 square kilometres.</li>
<li>The shallow southern bay near Dolgomir has lost more than half of its water.</li>
</ul>
<aside class="pull-quote">The lake has lost an area of water larger than the city of Varensk.</aside>
<h2>Where the water goes</h2>
<p>The government has described the changes as "a natural cycle linked to precipitation". Rainfall data do not support that explanation. Precipitation in the Tuvor basin has varied from year to year, but shows no long-term decline.</p>
<p>What has changed is the use of water upstream. The Ilmara, which supplies about two thirds of the lake's inflow, now feeds a network of irrigation canals built over the past decade for large agricultural holdings in the south. The satellite images show the canals and the fields they water spreading, year by year, across what used to be dry steppe. Hydrologists we spoke to estimate that the canals take between a quarter and a third of the river's summer flow.</p>
<p>The largest of these holdings belongs to a company whose board includes two former deputy ministers of agriculture. The company did not respond to our questions.</p>
<h2>What is at stake</h2>
<p>For the villages around the southern bay, the shrinking lake means more than a longer walk to the boats. Fish catches have fallen sharply. The exposed lakebed dries into fine salty dust, which residents say blows into the villages on windy days. A doctor in Dolgomir, who asked not to be named, told us that she sees more children with breathing problems every year, though no one has studied the link.</p>
<p>Scientists who have worked on the lake say that the decline can still be slowed, if the canals are modernised to lose less water and if some of the river's flow is guaranteed to reach the lake. "The lake is not dying by itself," one hydrologist said. "It is being drained, and that is a decision that can be reversed."</p>
<p>We have published our maps and the full dataset in <a href="https://data.ilmara.example/tuvor-shoreline">our data archive</a>. If you live by the lake and want to share what you have seen, please write to us.</p>`,
  },
  {
    slug: 'ilmara-runs-red-below-sertovo-smelter',
    language: 'en',
    title: 'Below the smelter, the river runs red after rain. Nobody publishes the tests',
    standfirst:
      'Villagers downstream of the Sertovo aluminium works say the Ilmara changes colour after heavy rain. Volunteers have started testing the water themselves, because the state stopped telling them.',
    authorSlugs: ['pavel-ostrin', 'ivo-sever'],
    tagSlugs: ['environment', 'sertovo'],
    hoursAgo: 140,
    hero: {
      seed: 3390,
      theme: 'dusk',
      caption:
        'The Ilmara river below the village of Drovnitsa, about twelve kilometres downstream of the Sertovo aluminium works, in the evening after a storm.',
      credit: 'Illustration: Teo Marsh / Ilmara',
      alt: 'Abstract illustration of a low sun over violet hills and a stretch of still water in dusky rose and purple tones.',
    },
    bodyHtml: `<p>After heavy rain, says Vera, the river at the bottom of her garden turns the colour of weak tea, then of rust. It lasts a day or two. The ducks leave. Her neighbour stopped watering his vegetables from the river three years ago, and she has stopped letting her grandchildren swim.</p>
<p>Vera lives in Drovnitsa, a village of about six hundred people on the Ilmara, twelve kilometres downstream from the Sertovo aluminium works. Upstream of the village, on the hillside above the plant, lies the works' tailings reservoir: a lake of red mud, the alkaline waste left over when aluminium is made from ore. Residents believe that after heavy rain, water from the reservoir reaches the river. For the past three years, no official body has told them whether they are right.</p>
<h2>The tests that stopped</h2>
<p>Until three years ago, the regional environmental agency published monthly water-quality readings from four monitoring points on the Ilmara, including one just below the works. Then the publications stopped. The agency's website now says the data are "available on request to authorised bodies". Two requests from Drovnitsa's village council went unanswered, according to copies of the letters we have seen.</p>
<p>A former employee of the agency, who asked not to be named, told us that monitoring had continued, but that results were now sent only to the regional administration and the plant. "We were told the information was commercially sensitive," she said.</p>
<h2>Testing it themselves</h2>
<p>Last spring, a group of volunteers from Drovnitsa and two neighbouring villages began taking their own samples. With help from a water laboratory in Aldra, which sent sampling kits and analysed the results without charge, they have collected water after eleven episodes of heavy rain and, for comparison, on dry days.</p>
<p>The results, which we have reviewed with two independent chemists, show a consistent pattern. On dry days, the river below the works is within the limits set by Kestavian law for the measures the lab tested. After heavy rain, samples taken below the works show:</p>
<ul>
<li>alkalinity well above the legal limit, in four cases high enough to irritate skin;</li>
<li>concentrations of aluminium several times higher than the limit for water used for irrigation;</li>
<li>raised levels of suspended solids that match the red colour residents describe.</li>
</ul>
<p>Samples taken above the works on the same days show none of these changes.</p>
<aside class="pull-quote">On dry days the river is within the law. After rain, it is not, and only the volunteers are measuring.</aside>
<h2>What the chemists say</h2>
<p>"The pattern points to runoff or seepage from the site during storms," said one of the chemists who reviewed the data. "Volunteer sampling has limits; it cannot tell you exactly where the water is coming from. But it is exactly the kind of signal that an official monitoring programme exists to investigate."</p>
<p>The aluminium works, which was privatised last year, did not respond to written questions. The regional environmental agency said that "water quality in the Ilmara basin is monitored in full" and that "there is no threat to the population". It did not explain why the results are no longer published.</p>
<p>The volunteers plan to keep sampling through the winter. Vera keeps a jar of river water from the last storm on her windowsill. "So I remember what it looked like," she says, "in case someone tells me I imagined it."</p>`,
  },
  {
    slug: 'sarnic-hills-logging-sanitary-felling-permits',
    language: 'en',
    title: "'Sanitary felling' is clearing the old beech forests of the Sarnic Hills",
    standfirst:
      'Permits meant for removing sick and dead trees are being used to cut healthy old-growth forest for export. Forest rangers who objected have lost their jobs.',
    authorSlugs: ['pavel-ostrin'],
    tagSlugs: ['environment'],
    hoursAgo: 265,
    hero: {
      seed: 5151,
      theme: 'forest',
      caption:
        'Beech forest on the northern slopes of the Sarnic Hills above the village of Upper Vesel, in an area where felling permits were issued last spring.',
      credit: 'Illustration: Alina Dreyer / Ilmara',
      alt: 'Abstract illustration of layered green hills covered in pointed trees beneath a soft yellow sun.',
    },
    bodyHtml: `<p>The permit is one page long. It authorises the state forestry enterprise of the Sarnic district to carry out "sanitary felling" on 46 hectares of forest above the village of Upper Vesel, removing trees that are "dead, diseased or damaged by pests". The attached survey lists bark beetle infestation and wind damage.</p>
<p>When Ilmara visited the site in October, the felling was finished. Stumps of beech trees more than a metre across lined the slope. We counted the rings on six of them, all between 140 and 210 years old. None of the stumps we examined showed signs of rot, and a forest ecologist who reviewed our photographs said that the wood looked healthy.</p>
<h2>A loophole the size of a forest</h2>
<p>Commercial logging is banned in much of the Sarnic Hills, which hold some of the last old-growth beech forest in the region. Sanitary felling is the exception: it allows foresters to remove sick or dead trees to protect the rest. Because it is meant to be urgent, it requires no public consultation and no environmental assessment.</p>
<p>Our analysis of forestry permits published in the state procurement register shows that the area approved for sanitary felling in the Sarnic district has grown almost fivefold in three years. Satellite images of the sites show that many of them were not thinned, as a sanitary cut would be, but cleared.</p>
<ul>
<li>Area approved for sanitary felling three years ago: 310 hectares.</li>
<li>Area approved last year: 1,480 hectares.</li>
<li>Share of those sites that appear clear-cut on satellite images: roughly two thirds.</li>
</ul>
<h2>Where the wood goes</h2>
<p>The timber from the Upper Vesel site was sold at auction to a sawmill in Varensk, according to the forestry enterprise's own sales records. Customs data show that the same sawmill exported beech lumber and veneer worth more than 30 million talens last year, mostly to furniture makers abroad. Old-growth beech is prized for its straight grain.</p>
<p>The sawmill did not respond to our questions. The state forestry enterprise said that "all felling is carried out on the basis of forest health surveys" and that "the forest is being renewed".</p>
<aside class="pull-quote">"They wrote 'beetle' on the paper. The beetle in this forest has two legs and a chainsaw."</aside>
<h2>The rangers who objected</h2>
<p>Three forest rangers in the district told us that they had refused to sign surveys describing healthy stands as diseased. Two were dismissed within months, officially for "staff reductions". The third, who is close to retirement, was moved to an office job. "They wrote 'beetle' on the paper," one of the dismissed rangers said. "The beetle in this forest has two legs and a chainsaw."</p>
<p>Villagers in Upper Vesel say the felling has already changed their valley. The stream that runs through the village flooded twice this autumn, something older residents say they have not seen in decades. A woman who has collected mushrooms on the slopes for fifty years said the paths she knew are gone.</p>
<p>The forestry enterprise has applied for sanitary felling permits covering another 600 hectares next year. Environmental groups in Kestavia, most of which now operate without registration, have asked the prosecutor's office to review the permits. They have not received a reply.</p>`,
  },
  {
    slug: 'summer-of-blackouts-why-kestavia-grid-keeps-failing',
    language: 'en',
    title: "A summer of blackouts: why Kestavia's power grid keeps failing",
    standfirst:
      'Rolling power cuts hit every region this summer, sometimes for ten hours a day. The drought explains part of it. Years of neglect explain the rest.',
    authorSlugs: ['pavel-ostrin'],
    tagSlugs: ['environment', 'energy'],
    hoursAgo: 410,
    hero: {
      seed: 6009,
      theme: 'night',
      caption:
        'A residential district on the eastern edge of Varensk during a scheduled power cut in August, when only buildings with their own generators kept their lights on.',
      credit: 'Illustration: Alina Dreyer / Ilmara',
      alt: 'Abstract illustration of a crescent moon over dark hills, with only a handful of small lit windows on the nearest ridge.',
    },
    bodyHtml: `<p>The schedule arrives on a messaging channel run by the regional power company, usually the evening before. In August, for the eastern districts of Varensk, it typically read: no power from six in the morning until noon, and again from six in the evening until ten. Fridges were emptied, lifts stopped, and the city's buses queued at petrol stations for diesel that was also rationed.</p>
<p>Kestavia has lived through power cuts before, but not like this summer's. According to a tally kept by Ilmara's readers, who reported outages in 212 towns and villages, every region of the country had scheduled blackouts in July and August. Some rural districts went without power for more than ten hours a day.</p>
<h2>The river that ran low</h2>
<p>Part of the explanation is the weather. About a third of Kestavia's electricity comes from three hydroelectric dams on the Ilmara and its tributaries, and this was the driest summer in decades. By August, the largest reservoir had fallen so far that the dam could run only one of its four turbines, and only for a few hours a day.</p>
<p>But engineers we spoke to say the drought exposed a system that was already failing. "A dry year should be a problem you plan for," said a former dispatcher at the national grid operator. "Instead it became a crisis, because there was nothing in reserve."</p>
<h2>A decade of deferred repairs</h2>
<p>Most of the rest of the country's power comes from the coal-fired plant outside Sertovo and from a gas plant near Varensk. Both are more than forty years old. Documents from the energy ministry, which Ilmara has seen, show that planned overhauls at the coal plant have been postponed in six of the past eight years. Two of its five units were out of service for repairs during the worst of the summer.</p>
<ul>
<li>Hydroelectric output this summer: down about 40 percent on an average year.</li>
<li>Units at the Sertovo coal plant available in August: three of five.</li>
<li>Estimated share of electricity lost in the distribution network: around 14 percent, roughly double the European average.</li>
</ul>
<p>The money for upgrades has gone elsewhere. The state energy company's accounts show that it paid more in dividends to the budget over the past five years than it invested in its plants, and that its spending on grid maintenance fell in real terms every year.</p>
<aside class="pull-quote">"A dry year should be a problem you plan for. Instead it became a crisis, because there was nothing in reserve."</aside>
<h2>Who paid the price</h2>
<p>Hospitals were exempt from the schedules on paper, but several staff told us that backup generators at district hospitals ran short of fuel. A nurse in a town near Lake Tuvor described carrying patients down four flights of stairs when the lift stopped. Small businesses, especially bakeries and workshops, lost weeks of trade.</p>
<p>Households with the money to do so bought generators and solar panels; prices for both doubled over the summer. The energy ministry has promised a "comprehensive modernisation programme" and blamed the outages on "abnormal weather and external sanctions pressure". It has not published a budget for the programme, and no tenders have been announced.</p>
<p>The autumn rains have partly refilled the reservoirs, and the schedules have stopped for now. Engineers warn that winter, when demand for heating peaks, will be the next test.</p>`,
  },
];
