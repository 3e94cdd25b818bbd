// Explainers, including one scheduled for the future so the demo shows scheduled publishing.
// The laws, institutions and referendum described here are invented for the Samizdat demo.
import type { DemoArticle } from '../demo.types.ts';

export const explainersArticles: DemoArticle[] = [
  {
    slug: 'is-it-illegal-to-read-ilmara-undesirable-organisations-law',
    language: 'en',
    title: "Is it illegal to read Ilmara? What the 'undesirable organisations' law means for you",
    standfirst:
      'Two years ago the prosecutor general declared Ilmara an "undesirable organisation". Readers ask us what that means for them. Here are the answers we can give.',
    authorSlugs: ['mattis-roen'],
    tagSlugs: ['explainers', 'censorship', 'safety'],
    hoursAgo: 48,
    translationKey: 'undesirable-law-explainer',
    hero: {
      seed: 1919,
      theme: 'frost',
      caption:
        'The building of the Prosecutor General\'s Office on Justice Embankment in Varensk, where decisions on "undesirable" status are signed without a court hearing.',
      credit: 'Illustration: Kasia Ruden',
      alt: 'Abstract illustration of a white sun in a pale winter sky above layered blue-grey hills, with light snow falling.',
    },
    bodyHtml: `<p>Not a week goes by without a reader writing to ask some version of the same question: am I breaking the law by reading you? The honest answer is that the law is written to be vague, and that its vagueness is part of how it works. But there are things we can say with confidence, and we have tried to set them out here. This is general information, not legal advice for your situation.</p>
<h2>What does "undesirable" mean?</h2>
<p>Under the Law on Undesirable Organisations, the prosecutor general can declare any foreign or international organisation "undesirable" if it is considered a threat to "the constitutional order, defence or security" of Kestavia. No court is involved and no evidence has to be published. Ilmara received that status two years ago, after we moved our newsroom to Aldra. Dozens of other media outlets, charities and universities have it too.</p>
<h2>Is reading Ilmara a crime?</h2>
<p>No. The law punishes "participation in the activities" of an undesirable organisation. Reading our articles, watching our videos or subscribing to our newsletter is not listed as participation, and we know of no case in which someone has been prosecuted simply for reading. Our website is blocked in Kestavia, and using a VPN or a mirror to reach it is not in itself an offence.</p>
<h2>What is risky?</h2>
<p>The risks start when you do something that can be described as helping us "carry out activities". In the cases that lawyers have documented, prosecutors have treated the following as participation:</p>
<ul>
<li>publicly reposting our articles or links on social networks under your own name;</li>
<li>giving an interview to us or appearing in our videos under your own name;</li>
<li>sending money to us from a Kestavian bank account or card.</li>
</ul>
<p>A first offence is usually punished with a fine under the administrative code. A second offence within a year can lead to a criminal case. The law also carries heavier penalties for people considered to be "organising" the activity, which prosecutors have interpreted broadly.</p>
<aside class="pull-quote">Reading us is not a crime. Donating from a Kestavian bank card can be treated as one.</aside>
<h2>Should I support you financially?</h2>
<p>Only if you can do it safely. We ask readers inside Kestavia not to donate with Kestavian bank cards or accounts, which leave a record that can be used against you. Readers abroad can support us by card or bank transfer; others use cryptocurrency through our own payment server, which does not share data with anyone. We never publish the names of our supporters, and we keep their personal data encrypted.</p>
<h2>What about talking to you?</h2>
<p>We protect our sources. If you want to tell us something, we will agree with you in advance how you are described, and we will never publish your name, your face or details that could identify you without your explicit consent. Our <a href="https://ilmara.example/safety">safety guide</a> explains how to contact us in ways that leave as little trace as possible.</p>
<h2>Will the law change?</h2>
<p>Almost certainly, and probably not for the better. A bill now before the Assembly would make it an offence to "systematically access" the materials of undesirable organisations. Lawyers say that it would be almost impossible to enforce, but that it is designed to frighten rather than to be enforced. We will update this guide when anything changes.</p>`,
  },
  {
    slug: 'constitutional-amendments-in-five-questions',
    language: 'en',
    title: "Kestavia's constitutional amendments, in five questions",
    standfirst:
      'Later this month Kestavians will be asked to approve 34 changes to their constitution in a single vote. What is in the package, and why it matters.',
    authorSlugs: ['mattis-roen'],
    tagSlugs: ['explainers', 'elections'],
    hoursAgo: 350,
    hero: {
      seed: 4242,
      theme: 'frost',
      caption:
        'A referendum billboard on the Varensk ring road urging residents to vote "For the Kestavia of our children", one of roughly nine hundred placed across the country.',
      credit: 'Illustration: Teo Marsh / Ilmara',
      alt: 'Abstract illustration of soft grey-blue ridges fading into a pale winter sky, with a white sun and drifting snow.',
    },
    bodyHtml: `<p>In a little over three weeks, Kestavians will vote in a referendum on amendments to the constitution. The ballot will carry one question, and voters will be able to answer only yes or no to all 34 amendments together. Here is what you need to know.</p>
<h2>1. What would change?</h2>
<p>Most of the 34 amendments are declarations that few people object to: the state's duty to protect the family, the status of the Kestavian language, a guaranteed minimum pension. A handful of them change how power works. The most important:</p>
<ul>
<li>The presidential term would grow from five years to seven, and terms served before the amendments would no longer count towards the two-term limit.</li>
<li>A new State Council, chaired by the president, would be able to set "the main directions of domestic and foreign policy". Former presidents would sit on it for life and enjoy immunity from prosecution.</li>
<li>Candidates for president would need to have lived in Kestavia without interruption for fifteen years, which would rule out every prominent opposition figure now abroad.</li>
<li>Decisions of international courts would not apply in Kestavia if they "contradict the constitutional order".</li>
</ul>
<h2>2. Why now?</h2>
<p>The president's current term, the second under the existing constitution, ends in two years. Without the amendments, he could not stand again. Officials have presented the package as a modernisation driven by citizens' proposals, and state media have focused almost entirely on the pensions and the family. The term reset has barely been mentioned on state television.</p>
<h2>3. How will the vote work?</h2>
<p>Voting will last three days, from Friday to Sunday. Polling stations will be open in schools and workplaces, and, for the first time, voters in Varensk can vote online through the state services portal. Mobile ballot boxes will visit homes on request. Election lawyers note that multi-day voting and online voting both make independent observation far harder: ballot boxes stand unwatched overnight, and the online system has never been audited by anyone outside the government.</p>
<aside class="pull-quote">Voters can answer only yes or no to all 34 amendments together.</aside>
<h2>4. What does it take to pass?</h2>
<p>The amendments pass if more than half of those who vote say yes. There is no minimum turnout. In practice, the result that officials care about is not whether the amendments pass, which is not in doubt, but the turnout and the margin, which will be presented as a measure of support for the president.</p>
<h2>5. Can anyone check the count?</h2>
<p>Less than before. Independent observer groups have been dissolved or labelled foreign agents, and, as our investigation into the <a href="https://ilmara.example/investigations">security service's observers</a> showed, some of the organisations that will be accredited are not what they appear. Precinct protocols will be published, but only as scanned images, which makes them slow to check.</p>
<p>We will be collecting and analysing precinct results as they appear, and we will publish everything we find. If you see anything at a polling station you think we should know about, you can write to us safely.</p>`,
  },
  {
    slug: 'referendum-day-how-we-will-cover-the-vote',
    language: 'en',
    title: 'Referendum day: how we will cover the vote, and how you can help',
    standfirst:
      'For three days of voting we will run a live page, check every report we receive before publishing it, and publish precinct results as fast as we can verify them.',
    authorSlugs: ['mattis-roen', 'irena-vask'],
    tagSlugs: ['explainers', 'elections', 'safety'],
    hoursAgo: -20,
    hero: {
      seed: 8080,
      theme: 'night',
      caption:
        "Ilmara's editors in Aldra preparing the live page for the referendum, with a wall map of Kestavia's 2,140 precincts marked by region.",
      credit: 'Illustration: Alina Dreyer / Ilmara',
      alt: 'Abstract illustration of a starry night sky with a crescent moon above dark ridges and a few lit windows.',
    },
    bodyHtml: `<p>The referendum on constitutional amendments opens on Friday morning and closes on Sunday evening. For those three days, Ilmara will run a live page with reports from polling stations, analysis of turnout figures and, after the count, a precinct-by-precinct look at the results. This note explains how we will work, and how you can help us without putting yourself at risk.</p>
<h2>What we will publish</h2>
<ul>
<li>A live page, updated from early morning until late at night on each day of voting.</li>
<li>Turnout figures as the Central Election Commission releases them, alongside our own checks of how plausible they are.</li>
<li>Reports from readers and observers, but only after we have verified them.</li>
<li>From Sunday night, precinct results, published as a table that anyone can download and check.</li>
</ul>
<h2>How we verify</h2>
<p>In every election, false reports spread as fast as true ones, and some are planted to discredit anyone who repeats them. We will not publish a claim of fraud on the strength of a single message. For every photograph or video we receive, we will check where and when it was taken, look for other footage of the same place and time, and, where possible, speak to the person who sent it. When we cannot confirm something but believe it matters, we will say clearly what we know and what we do not.</p>
<aside class="pull-quote">We will not publish a claim of fraud on the strength of a single message.</aside>
<h2>How you can help</h2>
<p>If you are at a polling station and see something you think is wrong, such as ballots being added to a box, voters being brought in groups, or observers being removed, you can send us photographs, videos or a description. Please read these precautions first:</p>
<ol>
<li>Your safety comes first. Do not film if it would draw attention to you, and never argue with officials or police on our behalf.</li>
<li>Use the secure channels listed in <a href="https://ilmara.example/safety">our safety guide</a>, not ordinary messages or email from your usual accounts.</li>
<li>Photographs from phones contain information about where and when they were taken. Our systems strip that information before anything is stored, but it is safer to remove it yourself before sending.</li>
<li>Tell us how you would like to be described, if at all. We will never publish your name or anything that could identify you without your consent.</li>
</ol>
<h2>After the vote</h2>
<p>Official results will be announced on Monday. Our analysis will take longer: comparing precinct protocols with turnout patterns, checking statistical anomalies and following up on the reports we receive. We expect to publish the first results of that work within a week.</p>
<p>The live page will be linked from the top of our home page throughout the vote, and our full coverage will also go out in our newsletter and feeds, so readers who cannot reach the site will still receive it.</p>`,
  },
];
