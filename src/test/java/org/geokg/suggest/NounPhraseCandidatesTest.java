package org.geokg.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.geokg.TestProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Candidate new entities from common noun phrases: a phrase headed by a word that names a kind of
 * thing (a class label's head, a noun of the cue list, a group noun) is a candidate of that class.
 * The sentences are written for this test; the drafter knows only the project's states, as in
 * {@code kg suggest --evaluate}. Each expectation is read off the sentences by hand.
 */
class NounPhraseCandidatesTest {
    static final List<String> PARAGRAPHS = List.of(
            "Israel and Ukraine signed a new wide-ranging transit pact in Kyiv.",
            "Negotiators from China warned that the banking restrictions on Syria would stay.",
            "The further militarisation of the border worried Lebanon.",
            "Iran matters to Russia in terms of circumventing financial sanctions.",
            "The war and clashes in Lebanon and Syria continued.",
            "Policymakers in Tehran fear a renewed drought.",
            "The war went on.");

    static Map<String, String> classByLabel = new HashMap<>();

    @BeforeAll
    static void draft() {
        var layout = TestProject.realHome();
        OntologyView ontology = OntologyView.read(layout.resolve("ontology"));
        KnownEntities states = KnownEntities.read(layout.resolve("data"), e -> ontology.isA(e.types(), "SovereignState"));
        Draft d = new Drafter(new EnglishNlp(), ontology, states)
                .draft(new Draft.SourceRow("np-test", "", "2026-06-12", "en", "", "", ""), PARAGRAPHS, "2026-06-12");
        for (Draft.Candidate c : d.candidates()) classByLabel.put(c.label(), c.suggestedClass());
    }

    @Test
    void aNounOfTheCueListNamesItsClassAndHyphenatedModifiersBelongToThePhrase() {
        assertEquals("City", classByLabel.get("Kyiv"), "the sentence's full stop is no part of the name: " + classByLabel);
        // "pact": agreement; "in Kyiv", a complement, joins the phrase
        assertEquals("Agreement", classByLabel.get("new wide-ranging transit pact in Kyiv"), classByLabel.toString());
    }

    @Test
    void aComplementAfterOfInOnJoinsThePhraseUpToItsNoun() {
        assertEquals("SanctionsRegime", classByLabel.get("banking restrictions on Syria"), classByLabel.toString());
        // British and American spellings are one word: "militarisation" is the class "militarisation"
        assertEquals("Militarization", classByLabel.get("further militarisation of the border"), classByLabel.toString());
        // nouns joined by "and" inside the complement
        assertEquals("ArmedClash", classByLabel.get("clashes in Lebanon and Syria"), classByLabel.toString());
    }

    @Test
    void aGroupNounWithAModifierIsAGroupAndAVerbTaggedAsNounDoesNotJoinAKnownName() {
        assertEquals("PersonGroup", classByLabel.get("Policymakers in Tehran"), classByLabel.toString());
        assertFalse(classByLabel.containsKey("Policymakers in Tehran fear"), classByLabel.toString());
    }

    @Test
    void aGerundAfterAPrepositionTakesThePhraseAsItsObjectAndIsNoPartOfIt() {
        assertEquals("SanctionsRegime", classByLabel.get("financial sanctions"), classByLabel.toString());
        assertFalse(classByLabel.containsKey("circumventing financial sanctions"), classByLabel.toString());
    }

    @Test
    void aBareKindWordIsTooVagueToBeAnEntity() {
        assertFalse(classByLabel.containsKey("war"), classByLabel.toString());
        assertTrue(classByLabel.keySet().stream().noneMatch(l -> l.equalsIgnoreCase("the war")), classByLabel.toString());
    }
}
