package dev.casewright.publishing;

import dev.casewright.tenancy.HostUser;
import java.util.List;

/**
 * One place a team keeps its tests. Implementations live in a sub-package per target
 * ({@code jira}, {@code xray}, {@code zephyr}) and are Spring beans; the publisher picks one by
 * {@link #name()}. Implementations never retry a create on their own: after a timeout they throw
 * {@link TargetException} with {@link TargetException.Kind#OUTCOME_UNKNOWN}, and the publisher
 * looks for the test ({@link #existingTests}) before trying again.
 */
public interface PublishingTarget {

    /** The value of a publication request's {@code target}: {@code jira}, {@code xray} or {@code zephyr}. */
    String name();

    /**
     * The tests this target already holds for the story: for the generator's duplicate check, and
     * to find what a create that timed out may have left behind.
     */
    List<ExistingTest> existingTests(HostUser user, Story story);

    /**
     * The tests a create that got no answer may have left for the story, for the publisher to find
     * before it creates again. By default the story's existing tests; a target whose create can
     * leave a test that is not linked to the story yet also returns those it can find otherwise.
     */
    default List<ExistingTest> testsLostCreatesMayHaveLeft(HostUser user, Story story) {
        return existingTests(user, story);
    }

    /** Creates the test for one scenario and links it to the story so that the test "tests" the story. */
    PublishedTest create(HostUser user, Story story, ScenarioToPublish scenario);

    /**
     * Replaces the content of a test this target created earlier with the scenario's. Targets whose
     * update clears omitted fields (Zephyr's PUT) must send the whole object.
     */
    PublishedTest update(HostUser user, Story story, ScenarioToPublish scenario, PublishedTest existing);
}
