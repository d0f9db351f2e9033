package dev.casewright.generation;

/**
 * The kinds of personal data the masker replaces. The name is the placeholder's prefix, so it is
 * part of what the model sees and must stay stable ({@code <EMAIL_1>}, {@code <SECRET_2>}).
 */
enum PersonalDataType {
    EMAIL,
    PHONE,
    IBAN,
    CARD,
    IPV4,
    IPV6,
    /** AWS keys, JWTs, bearer tokens, PEM private keys and passwords in connection strings. */
    SECRET,
    /** Jira mentions and raw account ids. */
    USER,
    PERSON,
    DATE_OF_BIRTH
}
