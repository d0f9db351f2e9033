package dev.casewright.generation;

/** A span of text, {@code [start, end)}, that holds personal data of one type. */
record Detection(int start, int end, PersonalDataType type) {

    Detection {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative span");
        }
    }

    int length() {
        return end - start;
    }

    boolean overlaps(Detection other) {
        return start < other.end && other.start < end;
    }
}
