package dev.casewright.generation;

/** The call came from the site itself, not from a user; issues are only read as a user. */
class UserRequiredException extends RuntimeException {

    UserRequiredException() {
        super("Open Casewright from an issue in Jira: issues are read with your own permissions.");
    }
}
