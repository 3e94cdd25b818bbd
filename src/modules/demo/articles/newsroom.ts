// Notes from the newsroom: how Ilmara works. Invented for the Samizdat demo.
import type { DemoArticle } from '../demo.types.ts';

export const newsroomArticles: DemoArticle[] = [
  {
    slug: 'why-some-of-our-reporters-write-under-pen-names',
    language: 'en',
    title: 'Why some of our reporters write under pen names',
    standfirst:
      'Several of the bylines on Ilmara belong to people who cannot safely sign their work. Our editor-in-chief explains how we decide, what we check, and what we promise readers in return.',
    authorSlugs: ['irena-vask'],
    tagSlugs: ['newsroom', 'safety'],
    hoursAgo: 165,
    translationKey: 'pen-names-note',
    hero: {
      seed: 6161,
      theme: 'night',
      caption:
        "A reporter's desk in Ilmara's newsroom in Aldra late in the evening, when colleagues inside Kestavia file their copy.",
      credit: 'Illustration: Teo Marsh / Ilmara',
      alt: 'Abstract illustration of a crescent moon in a starry blue sky over dark hills dotted with a few warm lights.',
    },
    bodyHtml: `<p>Readers sometimes write to ask whether Nika Dorn is a real person. The answer is yes: a real reporter, living in Kestavia, who has spent years investigating the people who run the country. Nika Dorn is not that reporter's name. It is the name we agreed on together, so that the work can continue without ending in an arrest.</p>
<p>Pen names are an old tradition in journalism, and an uncomfortable one. A byline is a promise: this person stands behind this story, and you can hold them to account for it. When we take a name away, we owe readers an explanation of what replaces that promise. This is ours.</p>
<h2>Who writes under a pen name</h2>
<p>Only reporters who live in Kestavia, or who travel there regularly, and whose work would expose them to prosecution under the laws on "undesirable organisations", "discrediting the state" or "foreign agents". Reporters who have left the country and are no longer at direct risk sign their work with their own names, as I do. At present, two of our regular bylines are pen names. Each of their author pages says so.</p>
<h2>What we check</h2>
<p>A pen name does not mean an anonymous source. The editors know who every one of our reporters is, and the standards for their work are the same as for everyone else's, and in practice stricter. Every story published under a pen name is reviewed by at least two editors. Every document is verified independently. Every quoted source is known to the editors, even when the source is not named in the article.</p>
<aside class="pull-quote">A pen name protects the reporter. It never protects the story from scrutiny.</aside>
<h2>How we protect them</h2>
<p>The real names behind pen names are known to a very small number of people in our newsroom. They are not written in our publishing system in readable form: our software stores them encrypted, with a key kept separately from the database, so that even someone who obtained a copy of our data could not read them. Payments to these reporters are made in ways that do not connect them to Ilmara. We do not discuss their location, their age or their previous jobs, and we ask readers not to speculate about them in public.</p>
<h2>What we promise readers</h2>
<ul>
<li>We will always say when a byline is a pen name.</li>
<li>We will never use a pen name to invent a person, or to make one reporter look like several.</li>
<li>We will correct mistakes in pen-name stories exactly as we correct any others, openly and with a note.</li>
<li>If a reporter who wrote under a pen name is ever safe to reveal themselves, and wants to, we will say so, and their work will be credited to them.</li>
</ul>
<h2>What we ask of you</h2>
<p>If you think you know who is behind one of our pen names, please keep it to yourself. Guessing in public, even kindly, even to praise someone's courage, can put them in danger. If you have a concern about a story, write to the editors. We read every message, and we answer.</p>
<p>I look forward to the day when every reporter at Ilmara can sign their own name. Until then, we would rather our colleagues be free and unnamed than named and in prison.</p>`,
  },
  {
    slug: 'if-our-site-is-blocked-ways-to-keep-reading',
    language: 'en',
    title: 'If our site is blocked: six ways to keep reading Ilmara',
    standfirst:
      "Kestavia's censors block our website every few weeks. Here are the ways our journalism still reaches you, from email and feeds to mirrors and an onion address.",
    authorSlugs: ['irena-vask', 'mattis-roen'],
    tagSlugs: ['newsroom', 'censorship', 'safety'],
    hoursAgo: 470,
    hero: {
      seed: 2025,
      theme: 'dusk',
      caption:
        "Illustration for Ilmara's reader guide: the last light over the Sarnic Hills, seen from the Kestavian side of the border.",
      credit: 'Illustration: Kasia Ruden',
      alt: 'Abstract illustration of a glowing sun low over purple hills, its reflection broken into bright strokes on still water, with a dark bank in one corner.',
    },
    bodyHtml: `<p>Ilmara's main website has been blocked in Kestavia for two years, and the block is updated every few weeks as we set up new addresses. We do not expect that to change soon. But a block on one address is not a block on journalism. Here are the ways you can keep reading us, from the simplest to the most robust.</p>
<h2>1. Our newsletter</h2>
<p>Every Friday we send a free newsletter with the week's most important stories, in full, not just headlines. Email is much harder to block than a website, and you do not need to visit our site to read it. You can sign up from any of our pages, preview a sample issue first, and unsubscribe with one click at any time. If you are worried about your email address being on a list, use one that is not connected to your name.</p>
<h2>2. Feeds</h2>
<p>Every article we publish goes out in full through our RSS, Atom and JSON feeds. If you use a feed reader, add our feed once and new stories will arrive whether or not our site is reachable. Feed readers that run on your own device or through an overseas service are difficult for censors to interfere with.</p>
<h2>3. Mirrors</h2>
<p>We publish copies of the whole site at other addresses, called mirrors. They are exact copies, updated every time we publish, and the links inside them keep working. When one mirror is blocked, we open another. The current list is always at the bottom of our newsletter and in our feeds.</p>
<aside class="pull-quote">A block on one address is not a block on journalism.</aside>
<h2>4. Our onion address</h2>
<p>Ilmara is also available as an onion service, reachable through the Tor Browser. Onion services cannot be blocked in the same way as ordinary websites, and they hide which site you are visiting from your internet provider. Our pages are designed to be light and to work without JavaScript, so they load quickly even over Tor.</p>
<h2>5. A VPN</h2>
<p>Many readers reach us through a VPN. If you use one, choose a service with a clear record of not keeping logs, and be wary of free VPN apps, some of which have been found to share data with third parties. Using a VPN is not an offence in Kestavia, although the authorities have blocked many VPN services.</p>
<h2>6. Friends and family</h2>
<p>The oldest method still works. You can forward our newsletter, print an article, or read it aloud to someone who cannot read it themselves. Please think before sharing our links publicly under your own name, for the reasons set out in <a href="https://ilmara.example/explainers">our explainer on the "undesirable" law</a>. Private sharing with people you trust is much safer.</p>
<h2>What we do on our side</h2>
<p>Our pages make no requests to third-party services, so no advertising or analytics company learns what you read. We do not use tracking cookies. We keep only the data we need to send you what you asked for, and we encrypt it.</p>
<p>If none of these methods works for you, write to us and tell us what happens when you try. Every report helps us find the next way through.</p>`,
  },
];
