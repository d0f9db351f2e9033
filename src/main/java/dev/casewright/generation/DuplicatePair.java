package dev.casewright.generation;

/**
 * Two scenarios that say nearly the same thing, as shown in a generation result's {@code duplicates}.
 * Within a suite {@code a} sorts before {@code b}; against existing tests {@code a} is the new
 * scenario and {@code b} the existing test. The similarity is the cosine of their embeddings,
 * rounded to two decimals.
 */
public record DuplicatePair(String a, String b, double similarity) {}
