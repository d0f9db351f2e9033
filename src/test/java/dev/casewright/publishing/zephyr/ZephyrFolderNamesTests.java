package dev.casewright.publishing.zephyr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.publishing.zephyr.ZephyrTarget.Folder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a folder name or path from the settings picks one of a project's folders. */
class ZephyrFolderNamesTests {

    // Regression (1) > Checkout (3) > Cards (5); Smoke (2) > Checkout (4); Archive (6) > Old (7);
    // a top-level folder named "2025/Q4" (9).
    private static final List<Folder> FOLDERS = List.of(
            new Folder(1, null, "Regression"),
            new Folder(2, null, "Smoke"),
            new Folder(3, 1L, "Checkout"),
            new Folder(4, 2L, "Checkout"),
            new Folder(5, 3L, "Cards"),
            new Folder(6, null, "Archive"),
            new Folder(7, 6L, "Old"),
            new Folder(9, null, "2025/Q4"));

    @Test
    void aPathIsFollowedFromATopLevelFolderDownIgnoringCaseAndSpaces() {
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "Regression/Checkout")).isEqualTo(3L);
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, " smoke / checkout ")).isEqualTo(4L);
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "/Regression/Checkout/Cards"))
                .isEqualTo(5L);
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "Checkout/Cards")).isNull();
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "Regression/Cards")).isNull();
    }

    @Test
    void aNameIsTheTopLevelFolderOfThatNameElseTheOnlyFolderOfThatName() {
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "regression")).isEqualTo(1L);
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "Cards")).isEqualTo(5L);
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "Old")).isEqualTo(7L);
        // Two nested folders share it and none is top-level: the path must choose.
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "Checkout")).isNull();
        List<Folder> withTopLevel = new ArrayList<>(FOLDERS);
        withTopLevel.add(new Folder(8, null, "Checkout"));
        assertThat(ZephyrTarget.resolveFolder(withTopLevel, "Checkout")).isEqualTo(8L);
    }

    @Test
    void aFolderWhoseOwnNameHoldsASlashIsFoundByThatNameAndNothingNamesNothing() {
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "2025/Q4")).isEqualTo(9L);
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "Payments")).isNull();
        assertThat(ZephyrTarget.resolveFolder(FOLDERS, "/")).isNull();
        assertThat(ZephyrTarget.resolveFolder(List.of(), "Regression")).isNull();
    }
}
