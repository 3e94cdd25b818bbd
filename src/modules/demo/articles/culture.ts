// Culture. The novel, the theatre, the musicians and the painting are invented for the Samizdat demo.
import type { DemoArticle } from '../demo.types.ts';

export const cultureArticles: DemoArticle[] = [
  {
    slug: 'twelve-chairs-in-a-basement-theatre-varensk',
    language: 'en',
    title: 'Twelve chairs in a basement: the theatre that only performs for people it trusts',
    standfirst:
      'After their company was closed by the culture ministry, five actors in Varensk kept playing, to audiences of twelve, in a cellar whose address changes every month.',
    authorSlugs: ['lidia-marek'],
    tagSlugs: ['culture', 'varensk', 'censorship'],
    hoursAgo: 22,
    hero: {
      seed: 2718,
      theme: 'paper',
      caption:
        'Poster for the basement staging of "The Inspector of Silence", designed by the company for its audience in Varensk; the play has no public listing and no printed programme.',
      credit: 'Illustration: Kasia Ruden',
      alt: 'Abstract collage of a large red disc crossed by tilted slate and ochre bars, with concentric black arcs, a grid of dots and a dark half disc on a thin horizon line, on cream paper.',
    },
    bodyHtml: `<p>The invitation comes as a voice message from someone you already know. It gives a date, a time and the name of a bakery. At the bakery, a young woman asks whether you would like the rye or the poppy-seed loaf; the right answer, which you were told in the voice message, takes you through a courtyard, down eleven steps and into a cellar where twelve mismatched chairs face a rug, a lamp and a kitchen table.</p>
<p>This is the current home of the company that used to be the Small Stage, a studio theatre in central Varensk that for fifteen years staged new Kestavian plays to full houses. Last winter the culture ministry revoked its licence after a production about a provincial newspaper that refuses to print a governor's speech. The building was handed to a patriotic youth organisation. Five of the actors decided to keep going.</p>
<h2>Theatre without a building</h2>
<p>"We lost the stage, the lights, the costumes, the box office," says Eva, who directs the company and asked that we use only her first name. "We kept the thing that matters, which is actors and an audience in the same room. Everything else turned out to be optional."</p>
<p>The company performs twice a week, in cellars, living rooms and once, for a month, in the back room of a bicycle repair shop. The address changes regularly. Audience members are invited only through people the company trusts, phones are left in a box at the door, and there are no tickets: a jar by the exit collects what people can give.</p>
<aside class="pull-quote">"We kept the thing that matters, which is actors and an audience in the same room."</aside>
<h2>The play</h2>
<p>Their current production, The Inspector of Silence, is a new comedy written by a member of the company. A minor official arrives in a small town to check that everyone is being quiet enough. The townspeople, terrified, become so silent that they can no longer tell the inspector what he wants to hear, and the play becomes a wordless farce of gestures, notes passed under tables and a very long scene involving a teapot.</p>
<p>It is very funny, and it is devastating. At the performance I attended, the laughter in the small room was loud enough that Eva stopped the show to remind everyone of the neighbours. The audience then laughed silently, which is its own kind of theatre.</p>
<h2>The risks</h2>
<p>The actors know what they are risking. Holding an "unlicensed public event" can bring a fine for a first offence and, for organisers, up to two years in prison for a repeat one. Two members of the company have been called in for "conversations" at a police station, where officers asked about their plans but made no arrests. The company has a rule: if anyone is detained, the others stop performing until that person is free.</p>
<p>Why take the risk? Eva answers with a story. After a recent performance, a woman in her seventies stayed behind to help stack chairs, and told the actors she had last been to the theatre before the Small Stage closed. "She said: I thought they had taken that away from me as well. And then she cried, and then we all cried, and then she went home." Eva shrugs. "That is why."</p>
<p>The company has recorded one performance, which it hopes to show to Kestavian audiences abroad next spring. In Varensk, the twelve chairs are already booked until the end of the year.</p>`,
  },
  {
    slug: 'the-winter-ferry-banned-novel-everyone-has-read',
    language: 'en',
    title: 'The Winter Ferry: the novel nobody in Varensk may sell, and everybody seems to have read',
    standfirst:
      "Anna Selm's novel about a ferry crossing in the last winter before the borders closed was declared 'extremist material' in the spring. Since then it has travelled further than any Kestavian book in years.",
    authorSlugs: ['lidia-marek'],
    tagSlugs: ['culture', 'censorship', 'exile'],
    hoursAgo: 118,
    hero: {
      seed: 1204,
      theme: 'paper',
      caption:
        'Cover design for the Aldra edition of "The Winter Ferry", the first printing of Anna Selm\'s novel outside Kestavia, shown at a reading in the author\'s absence.',
      credit: 'Illustration: Kasia Ruden',
      alt: 'Abstract collage of a red circle, overlapping translucent bars and a half disc resting on a thin black horizon line on cream paper.',
    },
    bodyHtml: `<p>In a café in Varensk last month, a student at the next table was reading a paperback with a plain brown cover. When she went to the counter, the cover slipped, and underneath was a photocopy: The Winter Ferry, by Anna Selm, the most banned book in Kestavia.</p>
<p>The novel follows eleven passengers on the last ferry across Lake Tuvor in the winter before the borders closed: a customs officer, a pregnant teacher, a retired choir singer, two brothers who have not spoken in ten years, a boy travelling alone with a letter he must not open. The crossing takes one night. The ice is closing in. Not everyone will be allowed to land.</p>
<p>It is not, on its surface, a political book. There is no president in it, no protest, no prison. It is a book about fear and kindness in a small space, and about what people owe each other when the rules stop making sense. That, perhaps, is why it frightened the people who banned it.</p>
<h2>How a novel becomes extremist</h2>
<p>The Winter Ferry was published by a small Varensk press two years ago and sold modestly until Selm, who has lived abroad since the protests, gave an interview criticising the constitutional referendum. Within weeks, a court in Varensk declared the book "extremist material" on the basis of an expert report that, according to Selm's lawyer, quoted several passages out of context and one that does not appear in the novel at all. Copies were removed from bookshops and libraries. Selling or distributing it now carries a heavy fine.</p>
<aside class="pull-quote">"The ban was the best review I ever had. I would rather have had my country."</aside>
<h2>How it travels</h2>
<p>What happened next is familiar to anyone who remembers how books moved in the old days. PDFs of the novel circulated in messaging channels within days of the ban. A publisher in Aldra printed an edition for Kestavians abroad, and copies began to travel home in suitcases, disguised under other covers. Booksellers in Varensk, speaking on condition of anonymity, told me that customers now come in asking for "the ferry book" in lowered voices, the way people once asked for things that were never on the shelves.</p>
<p>Reading groups have formed around it, in Kestavia and in exile. In Aldra, a monthly group of Kestavian émigrés reads it aloud, a chapter a session, and several members say they are reading it for the third time. In Sertovo, a retired librarian told me she had lent her copy to "more people than I can count, and I can count quite well".</p>
<h2>The author</h2>
<p>Selm herself is wry about it. "The ban was the best review I ever had," she said when we spoke by video call. "I would rather have had my country." She is writing a new novel, set, she would say only, "on dry land, for a change".</p>
<p>She asks one thing of her readers inside Kestavia: to be careful. "A book is not worth a prison sentence. Read it, remember it, and if you must pass it on, pass it on to someone you would trust with your keys." Then she smiles. "That is, more or less, what the book is about."</p>`,
  },
  {
    slug: 'kitchen-songs-exiles-rewriting-kestavian-folk-music',
    language: 'en',
    title: 'Kitchen songs: the exiles rewriting Kestavian folk music',
    standfirst:
      'A generation of young musicians who left Kestavia are taking the old songs of the lake villages and the northern mines, and giving them new words.',
    authorSlugs: ['lidia-marek'],
    tagSlugs: ['culture', 'exile'],
    hoursAgo: 240,
    hero: {
      seed: 7733,
      theme: 'paper',
      caption:
        'Illustration for the first concert of the Kitchen Songs evenings in Aldra, held in a rented community hall for an audience of about two hundred Kestavians.',
      credit: 'Illustration: Teo Marsh / Ilmara',
      alt: 'Abstract collage of a red disc over a dark half disc, with concentric black arcs, a grid of dots and tilted red and grey-green bars on cream paper.',
    },
    bodyHtml: `<p>The song is about a fisherman's wife waiting for a boat that will not come back. Versions of it have been sung around Lake Tuvor for at least two hundred years, usually by women, usually in kitchens, usually late at night. In the version that Mila Orsk sings in a rented hall in Aldra, the boat is a bus, the husband is a son, and the border he cannot cross back over runs through the middle of the chorus.</p>
<p>The audience, about two hundred Kestavians who have come to a monthly evening of what its organisers call Kitchen Songs, knows the old words. Many of them sing the old version under their breath while Orsk sings the new one. By the last chorus, they have switched.</p>
<h2>Old tunes, new words</h2>
<p>Orsk is one of perhaps a dozen young Kestavian musicians abroad who have turned, over the past two years, to the folk songs of their grandparents. They come from rock bands, conservatories and, in one case, a heavy-metal group from Sertovo. They share a conviction that the old songs, with their absent husbands, lost fields and journeys with no return, already describe exile better than anything new could.</p>
<p>"We didn't choose folk music because it is traditional," says Daniil Ketrin, who plays a three-stringed fiddle he bought from a collector in Aldra. "We chose it because it is accurate. Every second song in the old collections is about someone who left."</p>
<aside class="pull-quote">"Every second song in the old collections is about someone who left."</aside>
<h2>Songs the state also claims</h2>
<p>There is a complication. Folk music is also a favourite of the Kestavian state, which funds large ensembles in embroidered costumes to perform at official holidays. Those ensembles sing the same songs, but in versions polished into marching rhythms, and the lost husbands tend to be soldiers who died gloriously.</p>
<p>The exiles see their work partly as a reclamation. Orsk spent a month in an archive in Aldra listening to field recordings made by ethnographers in the lake villages decades ago. "In the recordings, the women sing slowly, out of tune, and they laugh in the middle," she says. "Nobody is marching. That's what I want to get back to."</p>
<h2>Reaching home</h2>
<p>The musicians know that their audience at home is the one that matters most, and the hardest to reach. Their recordings are posted on video platforms that are still accessible in Kestavia through VPNs, and, in at least one case, are shared on memory cards passed hand to hand in Sertovo. A few older listeners have written to tell Orsk that her version of the fisherman's wife is the one they now sing in their own kitchens.</p>
<p>Not everyone is comfortable. Ketrin's mother, who still lives in Kestavia, asked him to stop using the family surname. He now performs under his first name alone. "She is right," he says. "The songs can travel. For now, I can't."</p>
<p>The next Kitchen Songs evening in Aldra is at the end of the month. The organisers say they will post a recording for listeners who cannot come, which is most of them.</p>`,
  },
  {
    slug: 'museum-removed-painting-now-on-every-phone',
    language: 'en',
    title: "The National Gallery took down a painting. Now it is on everyone's phone",
    standfirst:
      'A century-old canvas of women waiting at a river crossing was removed after a complaint from a pro-government deputy. Its image has since appeared on screens, walls and shopping bags across Varensk.',
    authorSlugs: ['lidia-marek'],
    tagSlugs: ['culture', 'varensk', 'censorship'],
    hoursAgo: 380,
    hero: {
      seed: 3456,
      theme: 'paper',
      caption:
        'The empty space on the wall of Room 7 at the National Gallery in Varensk where "Women at the Crossing" hung until September; the label was removed the same day.',
      credit: 'Illustration: Alina Dreyer / Ilmara',
      alt: 'Abstract collage of a large red disc behind tilted translucent bars, with a small dark half disc on a black horizon line.',
    },
    bodyHtml: `<p>For almost a hundred years, Women at the Crossing hung in Room 7 of the National Gallery in Varensk. It is not a large painting, and until recently it was not a famous one. It shows six women in dark coats on the bank of the Ilmara in winter, waiting for a ferry that is visible only as a smudge of grey in the mist. One of them is looking straight at the viewer.</p>
<p>In September the painting disappeared. A small notice said it had been "removed for conservation". Two weeks later a deputy from the ruling party boasted on television that he had asked the gallery to take it down, because the woman looking out of the frame had "the face of someone who wants to leave".</p>
<h2>A picture of waiting</h2>
<p>The painter, Helena Vorn, made the picture in the 1920s, after the river crossing near her village was closed by a newly drawn border. It was bought by the gallery in her lifetime and has been reproduced in Kestavian school textbooks for decades, usually with a caption about "the endurance of the Kestavian people".</p>
<p>Art historians I spoke to say that reading is not wrong, just incomplete. "It is a painting about waiting for permission," one said. "For a long time that was something everyone in this country understood without needing it explained. Apparently it still is."</p>
<aside class="pull-quote">"It is a painting about waiting for permission. Apparently everyone still understands it."</aside>
<h2>From the wall to the screen</h2>
<p>Within days of the deputy's interview, the image of the painting, taken from the gallery's own online catalogue before that page too was removed, began to appear everywhere. People set it as the wallpaper on their phones and profile pictures. A student printed it on canvas bags and sold out twice. Someone pasted a postcard-sized copy inside every lift in a block of flats in the Tervosh district. Variations followed: the six women at a bus stop, at a border post, in a queue outside a consulate abroad.</p>
<p>The police have detained at least four people for displaying the image, according to the legal aid group Open Door, on charges of "discrediting state cultural institutions". Three were fined. A fourth, a graphic designer who had added the words "We are also waiting" to the picture, faces a criminal case.</p>
<h2>What the gallery says</h2>
<p>The National Gallery did not respond to our questions. Staff members, who spoke on condition of anonymity, said that the painting is in storage and undamaged, and that no conservation work is planned. Visitors to Room 7 now see a pale rectangle on the wall where the frame used to be. Several told us they had come specifically to look at it.</p>
<p>"They took down the picture and left the shape of it," said a retired teacher who visits the gallery every month. "So now everyone comes to look at the shape. I think Vorn would have liked that."</p>`,
  },
];
