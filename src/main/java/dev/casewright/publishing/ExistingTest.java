package dev.casewright.publishing;

/**
 * A test a target already holds for a story.
 *
 * @param key the test's key
 * @param title its summary or name
 * @param gherkin its Gherkin text when the target stores one, else empty
 * @param url where a user opens it
 */
public record ExistingTest(String key, String title, String gherkin, String url) {}
