package org.geokg.suggest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

/**
 * Sentences, tokens and parts of speech with Apache OpenNLP and its published English models
 * (Universal Dependencies English Web Treebank, {@code opennlp-models-*-en} 1.3.0 from Maven Central).
 * The models are read from the classpath; nothing is fetched at run time. Not thread-safe (the
 * OpenNLP tools keep state), so each draft has its own instance.
 */
public final class EnglishNlp {
    static final String SENTENCE_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    static final String TOKEN_MODEL = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    static final String POS_MODEL = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

    private final SentenceDetectorME sentences;
    private final TokenizerME tokenizer;
    private final POSTaggerME tagger;

    public EnglishNlp() {
        try (InputStream s = model(SENTENCE_MODEL); InputStream t = model(TOKEN_MODEL); InputStream p = model(POS_MODEL)) {
            sentences = new SentenceDetectorME(new SentenceModel(s));
            tokenizer = new TokenizerME(new TokenizerModel(t));
            tagger = new POSTaggerME(new POSModel(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenNLP English models from the classpath", e);
        }
    }

    private static InputStream model(String name) {
        InputStream in = EnglishNlp.class.getResourceAsStream(name);
        if (in == null)
            throw new IllegalStateException("OpenNLP model " + name + " is not on the classpath "
                    + "(it comes from org.apache.opennlp:opennlp-models-*-en:1.3.0)");
        return in;
    }

    /** A token: its text, its part of speech (Universal Dependencies tag) and where it is in the paragraph. */
    public record Token(String text, String pos, int start, int end) {
        public boolean capitalized() { return !text.isEmpty() && Character.isUpperCase(text.codePointAt(0)); }
        public String lower() { return text.toLowerCase(java.util.Locale.ROOT); }
    }

    /** A sentence of a paragraph, with its tokens; offsets are into the paragraph. */
    public record Sentence(int start, int end, List<Token> tokens) {}

    /**
     * Splits a paragraph into sentences and tokens and tags them. {@code paragraph} should already
     * have typographic quotes made plain (see {@link Text#forNlp}); offsets stay those of the original.
     */
    public List<Sentence> analyse(String paragraph) {
        List<Sentence> out = new ArrayList<>();
        for (Span s : sentences.sentPosDetect(paragraph)) {
            String text = paragraph.substring(s.getStart(), s.getEnd());
            List<Span> spans = new ArrayList<>();
            for (Span t : tokenizer.tokenizePos(text)) spans.addAll(splitAttached(t, text));
            splitFinalStop(spans, text);
            String[] words = new String[spans.size()];
            for (int i = 0; i < words.length; i++) words[i] = spans.get(i).getCoveredText(text).toString();
            String[] tags = tagger.tag(words);
            List<Token> tokens = new ArrayList<>(words.length);
            for (int i = 0; i < words.length; i++)
                tokens.add(new Token(words[i], tags[i], s.getStart() + spans.get(i).getStart(), s.getStart() + spans.get(i).getEnd()));
            out.add(new Sentence(s.getStart(), s.getEnd(), tokens));
        }
        return out;
    }

    /**
     * The model sometimes keeps a sentence's full stop on its last word ("in Kyiv."), as if it were an
     * abbreviation; a word with no other full stop in it ends the sentence, so the stop is split off
     * ("U.S." keeps its own).
     */
    static void splitFinalStop(List<Span> spans, CharSequence text) {
        if (spans.isEmpty()) return;
        Span last = spans.get(spans.size() - 1);
        String word = last.getCoveredText(text).toString();
        if (word.length() > 1 && word.endsWith(".") && word.indexOf('.') == word.length() - 1
                && Character.isLetterOrDigit(word.charAt(word.length() - 2))) {
            spans.set(spans.size() - 1, new Span(last.getStart(), last.getEnd() - 1));
            spans.add(new Span(last.getEnd() - 1, last.getEnd()));
        }
    }

    /** Tokens of a name, as the text's tokens are split (to match names against text). */
    public List<String> nameTokens(String name) {
        String text = Text.forNlp(name);
        List<String> out = new ArrayList<>();
        for (Span t : tokenizer.tokenizePos(text))
            for (Span p : splitAttached(t, text)) out.add(p.getCoveredText(text).toString());
        return out;
    }

    /**
     * The model leaves dashes without spaces ("Russia—brokered", "Israel–Hamas") and the possessive
     * 's ("Russia's") attached to words: they are split off here, before tagging, as the English
     * treebanks do.
     */
    static List<Span> splitAttached(Span token, CharSequence text) {
        List<Span> out = new ArrayList<>();
        int from = token.getStart(), end = token.getEnd();
        if (end - from > 1)
            for (int i = from; i < end; i++) {
                char c = text.charAt(i);
                if (c == '\u2014' || c == '\u2013') {
                    if (i > from) out.add(new Span(from, i));
                    out.add(new Span(i, i + 1));
                    from = i + 1;
                }
            }
        if (from < end) {
            if (end - from > 2 && text.charAt(end - 2) == '\'' && (text.charAt(end - 1) == 's' || text.charAt(end - 1) == 'S')) {
                out.add(new Span(from, end - 2));
                out.add(new Span(end - 2, end));
            } else out.add(new Span(from, end));
        }
        return out;
    }
}
