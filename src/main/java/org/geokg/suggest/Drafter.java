package org.geokg.suggest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.geokg.suggest.Draft.Candidate;
import org.geokg.suggest.Draft.CandidateStatement;
import org.geokg.suggest.Draft.DateMention;
import org.geokg.suggest.Draft.Mention;
import org.geokg.suggest.EnglishNlp.Sentence;
import org.geokg.suggest.EnglishNlp.Token;

/**
 * Drafts rows from an article's paragraphs: mentions of known entities, candidate new entities,
 * dates, and one candidate statement per clause naming two or more entities, with the modality
 * its cue suggests. Every rule is a general English cue (see {@link Modality} and the cue lists in
 * {@code cues.tsv} and {@code countries.tsv}); nothing here knows any particular article.
 */
public final class Drafter {
    private final EnglishNlp nlp;
    private final OntologyView ontology;
    private final KnownEntities known;
    private final Map<String, List<NameTokens>> namesByFirstToken = new HashMap<>();
    private final Map<String, String> titleCues = new HashMap<>(), headCues = new HashMap<>(), groupCues = new HashMap<>();
    /**
     * Head word of a kind of thing to its classes: the head of each nameable class's label ("war",
     * "treaty", "facility"; "deployment" in "deployment of military experts"), the nouns of the cue
     * list ("deal": agreement) and its group nouns ("experts"). Cue words come first, then labels.
     */
    private final Map<String, List<String>> kindHeads = new HashMap<>();

    /** Lower-cased country and capital names of the general list (countries.tsv), to suggest a class. */
    private final Set<String> countryNames = new HashSet<>(), capitalNames = new HashSet<>();
    private final Map<String, String> countryByAdjective = new HashMap<>();

    private record NameTokens(KnownEntities.Name name, List<String> lower, List<String> original) {}

    public Drafter(EnglishNlp nlp, OntologyView ontology, KnownEntities known) {
        this.nlp = nlp;
        this.ontology = ontology;
        this.known = known;
        for (KnownEntities.Name n : known.names(ontology)) {
            List<String> orig = nlp.nameTokens(n.text());
            if (orig.isEmpty()) continue;
            List<String> lower = orig.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            namesByFirstToken.computeIfAbsent(lower.get(0), k -> new ArrayList<>()).add(new NameTokens(n, lower, orig));
        }
        for (String[] c : KnownEntities.countries().values()) {
            countryNames.add(c[0].toLowerCase(Locale.ROOT));
            for (String cap : KnownEntities.split(c[2])) capitalNames.add(cap.toLowerCase(Locale.ROOT));
            for (String adj : KnownEntities.split(c[1])) countryByAdjective.putIfAbsent(adj.toLowerCase(Locale.ROOT), c[0]);
        }
        for (String[] c : KnownEntities.tsv("cues.tsv")) {
            if (c.length < 3) continue;
            String cls = ontology.classLabelled(c[2]);
            if (cls == null) continue; // the ontology has no such class: no suggestion
            switch (c[0]) {
                case "title" -> titleCues.put(c[1].toLowerCase(Locale.ROOT), cls);
                case "head" -> headCues.put(c[1].toLowerCase(Locale.ROOT), cls);
                case "group" -> {
                    groupCues.put(c[1].toLowerCase(Locale.ROOT), cls);
                    addKind(c[1], cls);
                }
                case "noun" -> addKind(c[1], cls);
                default -> { }
            }
        }
        for (String cls : ontology.nameableClasses()) addKind(labelHead(ontology.label(cls)), cls);
    }

    private void addKind(String head, String cls) {
        List<String> classes = kindHeads.computeIfAbsent(wordKey(head), k -> new ArrayList<>());
        if (!classes.contains(cls)) classes.add(cls);
    }

    /** The head of a class label: the word before "of" ("fall of a regime"), else the last word. */
    static String labelHead(String label) {
        String[] words = label.toLowerCase(Locale.ROOT).split("\\s+");
        for (int k = 1; k < words.length; k++) if (words[k].equals("of")) return words[k - 1];
        return words[words.length - 1];
    }

    /** A word as a key: singular, with British and American spellings the same ("militarisation"). */
    static String wordKey(String word) {
        return Text.spelling(singular(word.toLowerCase(Locale.ROOT)));
    }

    /** Drafts the rows of an article given as its paragraphs (line n is paragraph n). */
    public Draft draft(Draft.SourceRow source, List<String> paragraphs, String published) {
        DateFinder dates = new DateFinder(published);
        List<Mention> mentions = new ArrayList<>();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        Map<String, String> candidateIdByKey = new HashMap<>();
        List<DateMention> allDates = new ArrayList<>();
        List<CandidateStatement> statements = new ArrayList<>();
        for (int pi = 0; pi < paragraphs.size(); pi++) {
            int paragraph = pi + 1;
            String original = paragraphs.get(pi);
            if (original.isBlank()) continue;
            String text = Text.forNlp(original);
            int clauseNo = 0;
            for (Sentence s : nlp.analyse(text)) {
                List<Token> tokens = s.tokens();
                List<Mention> inSentence = new ArrayList<>();
                boolean[] used = new boolean[tokens.size()];
                knownMentions(original, paragraph, tokens, used, inSentence);
                List<DateMention> sentenceDates = dates.find(original, paragraph, tokens);
                allDates.addAll(sentenceDates);
                boolean[] dated = new boolean[tokens.size()];
                for (int k = 0; k < tokens.size(); k++) // a date ("March 12") is no entity
                    for (DateMention d : sentenceDates)
                        if (d.start() <= tokens.get(k).start() && tokens.get(k).end() <= d.end()) { used[k] = true; dated[k] = true; }
                if (!isHeading(tokens))
                    candidateMentions(original, paragraph, tokens, used, dated, inSentence, candidates, candidateIdByKey);
                inSentence.sort(Comparator.comparingInt(Mention::start));
                mentions.addAll(inSentence);
                for (Clause c : Clauses.split(tokens)) {
                    Set<String> ids = new LinkedHashSet<>();
                    for (Mention m : inSentence)
                        if (m.start() >= c.start() && m.end() <= c.end() && !prefixOfLonger(m, inSentence)) ids.add(m.entity());
                    if (ids.size() < 2) continue;
                    clauseNo++;
                    List<DateMention> clauseDates = sentenceDates.stream()
                            .filter(d -> d.start() >= c.start() && d.end() <= c.end()).toList();
                    List<String> ents = new ArrayList<>(ids);
                    Modality.Suggestion mod = c.modality();
                    String attributed = mod.attributionToken() < 0 ? "" : nearestMention(inSentence, tokens, mod);
                    statements.add(new CandidateStatement(source.id() + "-p" + paragraph + "-" + clauseNo, paragraph,
                            c.start(), c.end(), original.substring(c.start(), c.end()), ents, mod.modality(), mod.cue(),
                            attributed, mod.likelihood(), clauseDates,
                            ontology.fittingProperties(types(ents.get(0), candidates), types(ents.get(1), candidates))));
                }
            }
        }
        return new Draft(source, mentions, new ArrayList<>(candidates.values()), allDates, statements);
    }

    private List<String> types(String id, Map<String, Candidate> candidates) {
        KnownEntities.Entity e = known.all().get(id);
        if (e != null) return e.types();
        Candidate c = candidates.get(id);
        return c == null || c.suggestedClass().isEmpty() ? List.of() : List.of(c.suggestedClass());
    }

    /** Who reports or fears: the mention nearest the cue, after "according to", before "said" or "fear". */
    private static String nearestMention(List<Mention> mentions, List<Token> tokens, Modality.Suggestion mod) {
        int at = tokens.get(mod.attributionToken()).start();
        Mention best = null;
        // The nearest name on the right side of the cue; of names that overlap, the longest
        // ("Officials in Yerevan", not "Yerevan"; "Armenian media", not "Armenian").
        for (Mention m : mentions) {
            if (!(mod.speakerAfter() ? m.start() > at : m.end() <= at)) continue;
            if (best == null) { best = m; continue; }
            boolean nearer = mod.speakerAfter() ? m.start() < best.start() : m.end() > best.end();
            boolean same = mod.speakerAfter() ? m.start() == best.start() : m.end() == best.end();
            if (nearer || (same && m.end() - m.start() > best.end() - best.start())) best = m;
        }
        return best == null ? "" : best.entity();
    }

    /** "Armenian" in "Armenian media": the same start, a longer candidate; the longer one is the entity named. */
    private static boolean prefixOfLonger(Mention m, List<Mention> all) {
        for (Mention o : all) if (o != m && !o.known() && o.start() == m.start() && o.end() > m.end()) return true;
        return false;
    }

    /** A title-case line without a full stop is a heading; names in it are still found, candidates not. */
    private static boolean isHeading(List<Token> tokens) {
        int words = 0, caps = 0;
        for (Token t : tokens) if (Character.isLetter(t.text().charAt(0))) { words++; if (t.capitalized()) caps++; }
        String last = tokens.get(tokens.size() - 1).text();
        return words > 0 && words <= 12 && !last.equals(".") && caps * 10 >= words * 6;
    }

    private void knownMentions(String original, int paragraph, List<Token> tokens, boolean[] used, List<Mention> out) {
        for (int i = 0; i < tokens.size(); i++) {
            // The longest name wins; a name shared by several entities ("Tehran": the city, the
            // government) gives a mention of each, its own names before adjectives and capitals.
            List<NameTokens> best = new ArrayList<>();
            for (NameTokens n : namesByFirstToken.getOrDefault(tokens.get(i).lower(), List.of())) {
                if (!matches(n, tokens, i)) continue;
                if (!best.isEmpty() && n.lower().size() < best.get(0).lower().size()) continue;
                if (!best.isEmpty() && n.lower().size() > best.get(0).lower().size()) best.clear();
                best.add(n);
            }
            if (best.isEmpty()) continue;
            boolean direct = best.stream().anyMatch(n -> n.name().how().equals("label") || n.name().how().equals("other name"));
            int j = i + best.get(0).lower().size() - 1;
            boolean possessive = j + 1 < tokens.size() && tokens.get(j + 1).text().equalsIgnoreCase("'s");
            int start = tokens.get(i).start(), end = tokens.get(j).end();
            Set<String> seen = new HashSet<>();
            for (NameTokens n : best) {
                String how = n.name().how();
                if (direct && !(how.equals("label") || how.equals("other name"))) continue;
                if (!seen.add(n.name().entity())) continue;
                out.add(new Mention(n.name().entity(), true, paragraph, start, end, original.substring(start, end),
                        possessive ? how + ", possessive" : how));
            }
            for (int k = i; k <= j; k++) used[k] = true;
            i = j;
        }
    }

    /** A name matches the text tolerant of case, except that an acronym ("US", "IRGC") must match exactly. */
    private static boolean matches(NameTokens n, List<Token> tokens, int at) {
        if (at + n.lower().size() > tokens.size()) return false;
        for (int k = 0; k < n.lower().size(); k++) {
            Token t = tokens.get(at + k);
            String orig = n.original().get(k);
            boolean acronym = orig.length() <= 5 && orig.chars().filter(Character::isLetter).count() >= 2
                    && orig.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
            if (acronym ? !t.text().equals(orig) : !t.lower().equals(n.lower().get(k))) return false;
        }
        return true;
    }

    private static boolean byMetonymy(List<Mention> mentions, Token t) {
        for (Mention m : mentions)
            if (m.known() && m.how().startsWith("capital") && m.start() <= t.start() && t.end() <= m.end()) return true;
        return false;
    }

    private static boolean properToken(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (!t.capitalized()) return false;
        if (t.pos().startsWith("PROPN")) return true;
        return i > 0 && Set.of("ADJ", "NOUN", "NUM", "X", "VERB").contains(t.pos().replace("+PART", ""));
    }

    private static boolean attached(List<Token> tokens, int i) {
        return i > 0 && tokens.get(i - 1).end() == tokens.get(i).start();
    }

    private void candidateMentions(String original, int paragraph, List<Token> tokens, boolean[] used, boolean[] dated, List<Mention> out,
                                   Map<String, Candidate> candidates, Map<String, String> idByKey) {
        int n = tokens.size();
        // 1. Runs of proper nouns ("Gulf of Oman", "Islamic Revolutionary Guards Corps", "S-400").
        for (int i = 0; i < n; i++) {
            if (!properToken(tokens, i)) continue;
            int j = i;
            while (true) {
                if (j + 1 < n && (properToken(tokens, j + 1)
                        || (attached(tokens, j + 1) && tokens.get(j + 1).text().matches("[\\p{L}\\d]+") && tokens.get(j).text().endsWith("-")))) j++;
                else if (j + 2 < n && tokens.get(j + 1).lower().equals("of") && properToken(tokens, j + 2)) j += 2;
                else break;
            }
            // A capital or seat of power names its state by metonymy, and is a place or body of its own.
            boolean allKnown = true;
            for (int k = i; k <= j; k++)
                if ((!used[k] || byMetonymy(out, tokens.get(k))) && !tokens.get(k).lower().equals("of")) allKnown = false;
            if (!allKnown) {
                String cls = "", cue = "";
                int from = i;
                // "President X": a title before the name says it is a person.
                for (int len = 2; len >= 1; len--) {
                    if (from + len > j) continue;
                    String title = words(tokens, from, from + len - 1).toLowerCase(Locale.ROOT);
                    if (titleCues.containsKey(title)) { cls = titleCues.get(title); cue = "title '" + words(tokens, from, from + len - 1) + "'"; from += len; break; }
                }
                if (cls.isEmpty() && i > 0 && titleCues.containsKey(tokens.get(i - 1).lower())) {
                    cls = titleCues.get(tokens.get(i - 1).lower()); cue = "title '" + tokens.get(i - 1).text() + "'";
                }
                if (cls.isEmpty() && from == j && countryByAdjective.containsKey(tokens.get(j).lower()) && ontology.hasClass("SovereignState")) {
                    // "Armenian" names Armenia (the list of countries' adjectives), as "Iranian" names Iran
                    String country = countryByAdjective.get(tokens.get(j).lower());
                    addCandidateNamed(original, paragraph, tokens, from, j, country, "SovereignState",
                            "the adjective '" + tokens.get(j).text() + "' of a country in the list", out, candidates, idByKey);
                    i = j;
                    continue;
                }
                if (cls.isEmpty()) { // a country or a capital of the general list of countries
                    String name = words(tokens, from, j).toLowerCase(Locale.ROOT);
                    String country = ontology.hasClass("SovereignState") ? "SovereignState" : "";
                    String city = ontology.classLabelled("city");
                    if (countryNames.contains(name) && !country.isEmpty()) { cls = country; cue = "the list of countries"; }
                    else if (capitalNames.contains(name) && city != null) { cls = city; cue = "the list of capitals"; }
                }
                if (cls.isEmpty()) {
                    int head = j;
                    for (int k = i + 1; k < j; k++) if (tokens.get(k).lower().equals("of")) { head = k - 1; break; }
                    String h = tokens.get(head).lower();
                    if (headCues.containsKey(h)) { cls = headCues.get(h); cue = "head word '" + tokens.get(head).text() + "'"; }
                }
                addCandidate(original, paragraph, tokens, from, j, cls, cue, out, candidates, idByKey);
            }
            i = j;
        }
        // 2. A state's adjective before a group noun ("Russian media"), or a group "in" a place ("policymakers in Tehran").
        for (Mention m : new ArrayList<>(out)) {
            int k = tokenEndingAt(tokens, m.end());
            if (k < 0) continue;
            boolean adjective = m.known() ? m.how().startsWith("adjective")
                    : m.start() == tokens.get(k).start() && tokens.get(k).pos().equals("ADJ"); // "Armenian", not yet known
            if (adjective) {
                int j = k + 1;
                while (j < n && tokens.get(j).pos().equals("ADJ")) j++;
                while (j + 1 < n && tokens.get(j).pos().equals("NOUN") && tokens.get(j + 1).pos().equals("NOUN")) j++;
                if (j < n && groupCues.containsKey(tokens.get(j).lower()))
                    addCandidate(original, paragraph, tokens, tokenStartingAt(tokens, m.start()), j, groupCues.get(tokens.get(j).lower()),
                            "group noun '" + tokens.get(j).text() + "' after an adjective of a place", out, candidates, idByKey);
            }
            int s = tokenStartingAt(tokens, m.start());
            if (s >= 2 && tokens.get(s - 1).lower().equals("in")
                    && (groupCues.containsKey(tokens.get(s - 2).lower()) || tokens.get(s - 2).lower().equals("leaders"))) {
                String cls = groupCues.getOrDefault(tokens.get(s - 2).lower(), ontology.classLabelled("group of people"));
                addCandidate(original, paragraph, tokens, s - 2, k, cls == null ? "" : cls,
                        "group noun '" + tokens.get(s - 2).text() + "' in a place", out, candidates, idByKey);
            }
        }
        // 3. Noun phrases headed by a word that names a kind of thing ("Russian invasion of Ukraine",
        //    "a renewed nuclear deal", "Iranian military facilities", "missile experts").
        for (int h = 0; h < n; h++) {
            Token t = tokens.get(h);
            if (!nounHere(tokens, h)) continue;
            if (used[h] && !byMetonymy(out, t)) continue; // part of a known entity's name already
            List<String> classes = kindHeads.get(wordKey(t.lower()));
            if (classes == null) continue;
            int from = h;
            while (from > 0 && modifierBefore(tokens, from, dated)) from--;
            int to = complementEnd(tokens, h, used, dated);
            if (to == h && from == h) continue; // a bare "war": too vague to be an entity
            String cls = pickClass(classes, words(tokens, from, h).toLowerCase(Locale.ROOT));
            addCandidate(original, paragraph, tokens, from, to, cls, "head word '" + t.text() + "' ("
                    + ontology.label(cls) + ")", out, candidates, idByKey);
        }
    }

    /**
     * A noun at {@code h}: tagged so, or tagged a verb where only a noun can stand, after a
     * determiner ("the strikes") or as the second of two nouns joined by "and" ("war and clashes").
     */
    private static boolean nounHere(List<Token> tokens, int h) {
        String pos = tokens.get(h).pos();
        if (pos.equals("NOUN") || pos.equals("PROPN")) return true;
        if (!pos.equals("VERB") || h == 0) return false;
        if (tokens.get(h - 1).pos().equals("DET")) return true;
        return h >= 2 && tokens.get(h - 1).pos().equals("CCONJ") && tokens.get(h - 2).pos().equals("NOUN");
    }

    /**
     * Whether the token before {@code from} still modifies the noun phrase: an adjective, noun, name or
     * number; a piece of a hyphenated word ("wide-ranging", "30-day"); a participle after a
     * determiner or adjective ("a renewed deal"). Not a gerund after a preposition or verb, which
     * takes the phrase as its object ("of circumventing financial sanctions"), nor a date.
     */
    private static boolean modifierBefore(List<Token> tokens, int from, boolean[] dated) {
        Token m = tokens.get(from - 1);
        if (dated[from - 1] || m.text().equals("\u2014") || m.text().equals(",")) return false;
        if (attached(tokens, from) || m.text().equals("\u2013")) return true;
        String pos = m.pos().replace("+PART", "");
        String before = from >= 2 ? tokens.get(from - 2).pos() : "";
        boolean participle = m.lower().endsWith("ed") || m.lower().endsWith("ing");
        if (participle && attached(tokens, from - 1)) return true; // the end of a hyphenated word ("wide-ranging")
        if (m.lower().endsWith("ing") && Set.of("ADP", "VERB", "AUX").contains(before)) return false;
        if (Set.of("ADJ", "NOUN", "PROPN", "NUM").contains(pos)) return true;
        return pos.equals("VERB") && participle && (before.equals("DET") || before.equals("ADJ"));
    }

    /**
     * The last token of the head's complement: "of", "in", "on", "between", "to" or "against", an
     * optional article, then a noun phrase whose words may be joined by "and" ("clashes in Lebanon
     * and Syria", "militarisation of the region"); the head itself when there is none.
     */
    private static int complementEnd(List<Token> tokens, int h, boolean[] used, boolean[] dated) {
        int n = tokens.size();
        if (h + 2 >= n || !Set.of("of", "in", "on", "between", "to", "against").contains(tokens.get(h + 1).lower())) return h;
        int k = h + 2;
        if (k < n && Set.of("the", "a", "an").contains(tokens.get(k).lower())) k++;
        int last = h;
        for (int e = k; e < n && !dated[e]; e++) {
            Token w = tokens.get(e);
            String pos = w.pos().replace("+PART", "");
            boolean nounish = used[e] || pos.equals("NOUN") || pos.equals("PROPN");
            // A common noun after a known entity's name does not join it: the name was the head
            // ("policymakers in Baku fear that ...").
            if (pos.equals("NOUN") && !used[e] && last == e - 1 && used[last] && tokens.get(last).pos().equals("PROPN")) break;
            if (nounish) { last = e; continue; }
            if (attached(tokens, e)) continue;
            // An adjective or number after a noun starts another phrase ("to Iran several times").
            if ((pos.equals("ADJ") || pos.equals("NUM")) && last < k) continue;
            if (w.lower().equals("and") && last == e - 1 && e + 1 < n && (used[e + 1] || tokens.get(e + 1).pos().equals("PROPN"))) continue;
            break;
        }
        return last;
    }

    /** The class whose label ends the phrase with the most words ("ceasefire agreement" over "agreement"). */
    private String pickClass(List<String> classes, String phrase) {
        String best = classes.get(0);
        int bestLen = -1;
        for (String c : classes) {
            String l = ontology.label(c).toLowerCase(Locale.ROOT);
            String[] lw = l.split("\\s+");
            String[] pw = phrase.split("\\s+");
            int k = 0;
            while (k < lw.length && k < pw.length && wordKey(lw[lw.length - 1 - k]).equals(wordKey(pw[pw.length - 1 - k]))) k++;
            if (k == lw.length && k > bestLen) { best = c; bestLen = k; }
        }
        return best;
    }

    static String singular(String w) {
        if (w.endsWith("ies") && w.length() > 4) return w.substring(0, w.length() - 3) + "y";
        if (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("sses")) return w.substring(0, w.length() - 2);
        if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) return w.substring(0, w.length() - 1);
        return w;
    }

    private static int tokenEndingAt(List<Token> tokens, int end) {
        for (int i = 0; i < tokens.size(); i++) if (tokens.get(i).end() == end) return i;
        return -1;
    }

    private static int tokenStartingAt(List<Token> tokens, int start) {
        for (int i = 0; i < tokens.size(); i++) if (tokens.get(i).start() == start) return i;
        return -1;
    }

    private static String words(List<Token> tokens, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k <= to; k++) {
            if (k > from && tokens.get(k).start() > tokens.get(k - 1).end()) sb.append(' ');
            sb.append(tokens.get(k).text());
        }
        return sb.toString();
    }

    private void addCandidate(String original, int paragraph, List<Token> tokens, int from, int to, String cls, String cue,
                              List<Mention> out, Map<String, Candidate> candidates, Map<String, String> idByKey) {
        if (from > to) return;
        addCandidateNamed(original, paragraph, tokens, from, to, null, cls, cue, out, candidates, idByKey);
    }

    /** A candidate mentioned by the span {@code from..to}; its label is the span, or {@code name} when given. */
    private void addCandidateNamed(String original, int paragraph, List<Token> tokens, int from, int to, String name, String cls,
                                   String cue, List<Mention> out, Map<String, Candidate> candidates, Map<String, String> idByKey) {
        int start = tokens.get(from).start(), end = tokens.get(to).end();
        for (Mention m : out) if (!m.known() && m.start() == start && m.end() == end) return;
        String span = original.substring(start, end);
        String label = name == null ? span : name;
        String key = Text.forNlp(label).toLowerCase(Locale.ROOT).replace("'s", "");
        String id = idByKey.get(key);
        if (id == null && from == to) {
            // A single name that ends an earlier candidate ("Trump" after "Donald Trump") is that entity.
            for (Candidate c : candidates.values())
                if (c.label().contains(" ") && Text.forNlp(c.label()).toLowerCase(Locale.ROOT).endsWith(" " + key)) { id = c.id(); break; }
        }
        if (id == null) {
            String base = Text.slug(label), candidate = base;
            for (int k = 2; candidates.containsKey(candidate) || known.all().containsKey(candidate); k++) candidate = base + "-" + k;
            id = candidate;
            idByKey.put(key, id);
            candidates.put(id, new Candidate(id, label, cls, cue, paragraph, span));
        }
        out.add(new Mention(id, false, paragraph, start, end, span, "candidate"));
    }
}
