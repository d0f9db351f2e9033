package dev.casewright.gherkin;

/** What a step may carry below its line: a {@link DataTable} or a {@link DocString}. */
public sealed interface StepArgument permits DataTable, DocString {}
