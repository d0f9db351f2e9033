package dev.casewright.generation;

/**
 * One scenario as the duplicate check sees it: a generated scenario ({@code S1}) or an existing test
 * (its key, {@code SHOP-42}), its title and its Gherkin text.
 */
record ScenarioText(String id, String title, String gherkin) {}
