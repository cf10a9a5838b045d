package org.geokg.suggest;

/** A clause of a sentence (offsets into the paragraph) and the modality its cues suggest. */
record Clause(int start, int end, Modality.Suggestion modality) {}
