package org.geokg.suggest;

import java.util.List;

/**
 * What {@code kg suggest} drafts from one article: every part is a suggestion for an analyst to
 * check, never data (drafts live in data/drafts/, which validate and load ignore).
 */
public record Draft(SourceRow source, List<Mention> mentions, List<Candidate> candidates, List<DateMention> dates,
                    List<CandidateStatement> statements) {

    /** The sources-table row for the article. */
    public record SourceRow(String id, String title, String published, String language, String sha256, String file,
                            String note) {}

    /**
     * A span of paragraph {@code paragraph} that names {@code entity} (a known entity's id, or a
     * candidate's); {@code how}: label, other name, adjective, possessive, capital, candidate.
     */
    public record Mention(String entity, boolean known, int paragraph, int start, int end, String span, String how) {}

    /** A proper-noun span (or a cued noun phrase) that names no known entity. */
    public record Candidate(String id, String label, String suggestedClass, String cue, int paragraph, String quote) {}

    /**
     * A date expression. {@code value} is set for a day, month or year; a range has
     * {@code earliest} and/or {@code latest} instead. {@code relation}: at, since, until, after, before.
     */
    public record DateMention(int paragraph, int start, int end, String span, String value, String precision,
                              String earliest, String latest, String relation, boolean needsConfirmation,
                              String resolvedFrom) {
        /** The value as the evaluation compares it: the date, or {@code earliest/latest} for a range. */
        public String key() { return "range".equals(precision) ? earliest + "/" + latest : value; }
    }

    /** A clause naming two or more entities, with the modality its cue suggests. */
    public record CandidateStatement(String id, int paragraph, int start, int end, String quote, List<String> entities,
                                     String modality, String cue, String attributedTo, String likelihood,
                                     List<DateMention> dates, List<String> fittingProperties) {}
}
