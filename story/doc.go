// Package story fills in the view of a story: its title and dates, its
// events in order with their dates and titles, who reported it and how
// many independent sources did, an extractive summary, and the points on
// which its sources differ. Everything is a pure function of the story's
// articles and relations: no I/O, no randomness, maps read in sorted
// order, so the same input gives the same view.
//
// Dates. News reports past events relative to its publication date, so
// FindDates resolves "yesterday", "on Thursday" (the latest Thursday on or
// before the publication date, or the next one after a future cue such as
// "will" or "is due to"), "last week", "April 25" (the year closest to
// publication) and absolute dates. An event is dated by what the leads of
// its dated articles say: each article votes once per day its first two
// sentences name. Later sentences are not asked, because they mostly date
// background and plans. Without a vote the event takes its earliest
// publication date; without that it stays undated rather than guessed.
//
// Titles. An event's title is that of its most central article, the one
// with the largest TF-IDF cosine to the others; the story takes the title
// of its largest event. Untitled articles lend their first sentence.
//
// Sources. Families counts independent origins: articles linked by a
// duplicate or version relation are one family (a version is the same
// text rewritten, so the same newsroom), and so are articles that name the
// same agency (one wire service is one voice however many of its stories
// a collection holds). A reuse relation does not join families, because a
// shared background paragraph leaves the rest of a report independent.
// Outlets counts distinct sources, or inputs when the source is unknown.
//
// Summary. Sentences are first merged with their near-duplicates across
// articles (word-bigram Dice, same figures), so a wire sentence printed by
// five outlets is one sentence citing five articles. Sentences are then
// chosen by maximal marginal relevance: relevance is similarity to the
// story's centroid, raised for sentences several families carry and for
// sentences near the top, lowered for sentences that lean on the previous
// one; novelty is distance to what is already chosen. The chosen ones are
// read in event order, then article order.
//
// Differences. A figure is a disagreement only between statements about
// the same thing (de Marneffe et al., 2008). Figures are numbers with what
// they count or measure ("nearly two hours", "10,000 labourers", "$25
// million", ages, percentages) and days resolved from date expressions in
// dated articles. Statements are aligned first: sentences of disjoint sets
// of articles whose wording, figures left out, overlaps, whose figures
// measure the same kind of thing (time with time, a count of the same
// noun, one currency), whose figures stand in the same local context, and
// whose clauses do not name different people or places. Figures are
// matched one to one, equal values first, so a figure the other sentence
// leaves out of a list is not a disagreement; only then are the values
// compared, hedges such as "nearly" tolerated. Quotations are compared
// too: the same quotation in other words ("a sad time" / "a sad day";
// spelling, hyphens, intensifiers and cuts do not count), or the same
// words put in different mouths. This keeps precision high: rewordings
// carry no figure to disagree on, and equal or unrelated numbers never
// align. storyeval measures it on ECB+.
//
// Pairwise steps (near-duplicates, alignment, quotations) take their
// candidate pairs from inverted indexes, so a story of a thousand
// articles is told in a few seconds. Each article is cut into sentences
// and words once per story, words are looked up in a lexicon that numbers
// their stems, and what only some steps need (figures, quotations, the
// TF-IDF vectors of articles, differences in a story of one article) is
// made only when asked. A story of one article keeps the tokens of its
// lead only, and finds the words of its other sentences without making
// tokens: no difference is looked for in it. Of two articles, each is as
// central as the other, so that an event of two titled articles needs
// no vectors. A sentence group of every article of a story is compared
// with no other, so that its figures and quotations are not looked for,
// and the story's names are found only when a comparison asks for them.
// The lexicon finds a word as written from one slot of a table whose
// keys hold the word's bytes, and keeps the stems ranked in sorted
// order, so that vectors, whose sums run in the order of the stems, need
// no string sort; differences compare stems by those ranks. A Teller,
// made once per collection, indexes the relations by article and hands
// its lexicons from story to story, so telling a collection costs what
// its stories hold.
package story
