package org.geokg.suggest;

/** Small text helpers shared by the drafter and its evaluation. */
final class Text {
    private Text() {}

    /**
     * The text as the models read it: typographic quotes, apostrophes and dashes made plain, one
     * character for one, so that every offset still points into the original text.
     */
    static String forNlp(String s) {
        return s.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201C', '"').replace('\u201D', '"')
                .replace('\u00A0', ' ');
    }

    /**
     * A lower-case word with British and American spellings made one ("militarisation" and
     * "militarization", "defence" and "defense", "analyse" and "analyze").
     */
    static String spelling(String word) {
        String w = word.replace("isation", "ization").replace("defence", "defense").replace("offence", "offense");
        return w.endsWith("yse") ? w.substring(0, w.length() - 3) + "yze" : w;
    }

    /** A slug for an id: lower case letters, digits and hyphens, starting with a letter. */
    static String slug(String s) {
        String t = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (t.isEmpty() || !Character.isLetter(t.charAt(0))) t = "e-" + t;
        return t.length() > 60 ? t.substring(0, 60).replaceAll("-+$", "") : t;
    }
}
