package dev.casewright.generation;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds personal data in plain text (the Markdown an issue becomes). Each detector is a pattern
 * plus a check that a pattern alone cannot make: a checksum (IBAN, card), a range (IPv4 octets), a
 * structure (IPv6 groups, a JWT header that decodes to JSON with {@code alg}) or a nearby word
 * (date of birth, a salutation before a name). Precision matters as much as recall: every false
 * positive hides something the model needs to write a test, such as an amount, a version or an id.
 *
 * <p>Stateless and safe to share between threads.
 */
final class PersonalDataFinder {

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----", Pattern.DOTALL);
    private static final Pattern JWT =
            Pattern.compile("(?<![\\w-])eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(?![\\w-])");
    private static final Pattern BEARER = Pattern.compile("(?i)\\bBearer\\s+([A-Za-z0-9._~+/-]{16,}=*)");
    private static final Pattern AWS_ACCESS_KEY = Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b");
    private static final Pattern AWS_SECRET_KEY = Pattern.compile(
            "(?i)aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])");
    /** {@code scheme://user:password@host}; the user may be empty, as in {@code redis://:secret@host}. */
    private static final Pattern URL_PASSWORD =
            Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s:/@<>\"']*:([^\\s@/<>\"']+)@[A-Za-z0-9\\[]");
    /** {@code password=…} in JDBC query strings and ADO.NET connection strings. */
    private static final Pattern KEY_VALUE_PASSWORD =
            Pattern.compile("(?i)(?<![\\w-])(?:password|passwd|pwd)=([^;&\\s\"'<>*\\[][^;&\\s\"'<>]*)");

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+!#$&'*/=?^`{|}~:-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}\\b");
    private static final Pattern IBAN_START = Pattern.compile("\\b([A-Z]{2})(\\d{2})(?=[ ]?[A-Z0-9]{4})");
    private static final Pattern CARD = Pattern.compile("(?<![\\w.,-])\\d(?:[ -]?\\d){12,18}(?![\\w-]|[.,]\\d)");
    private static final Pattern IPV4 =
            Pattern.compile("(?<![\\w.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\w]|\\.\\d)");
    private static final Pattern VERSION_BEFORE = Pattern.compile(
            "(?i)(?:\\bv|\\bversion|\\bver\\.?|\\brelease|\\bbuild|\\bfirmware|\\bsdk|\\bapi)[\\s:=]*$");
    private static final Pattern IPV6_CANDIDATE =
            Pattern.compile("(?<![\\w:.])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?:\\d{1,3}(?:\\.\\d{1,3}){3})?(?![\\w:]|\\.\\d)");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern PHONE = Pattern.compile(String.join(
            "|",
            // +49 30 23125 417, +55 21 2345-6789, +1 (415) 555-0132, +44 20 7946 0321
            "\\+\\d{1,3}(?:[ \\u00A0.-]?\\(?\\d{1,5}\\)?){2,6}",
            // (11) 98765-4321, (415) 555-0132, (030) 123 456 78
            "\\(\\d{2,5}\\)[ \\u00A0]?\\d{2,5}(?:[ \\u00A0-]\\d{2,5}){1,3}",
            // 0171 3920015, 07700 900123, 020 7946 0321, 030/1234567, 01 23 45 67 89
            "0\\d{1,4}(?:[ \\u00A0/-]\\d{2,8}){1,4}",
            // 415-555-0132
            "\\d{3}-\\d{3}-\\d{4}"));
    private static final Pattern PHONE_BOUNDARY_BEFORE = Pattern.compile("[\\w+€$£¥#/.,:-]$");
    private static final Pattern PHONE_BOUNDARY_AFTER = Pattern.compile("^(?:[\\w€$£%-]|[.,/:]\\d)");
    private static final Pattern ACCOUNT_ID = Pattern.compile(
            "(?<![\\w:-])(?:\\d{6}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24})(?![\\w:-])");
    /** Without the ADF's mention list, {@code @First Last} (two capitalised words, so no annotations). */
    private static final Pattern MENTION =
            Pattern.compile("(?<![\\w.@])@\\p{Lu}[\\p{L}'’-]+(?: \\p{Lu}[\\p{L}'’-]+){1,2}(?![\\p{L}])");

    private static final String NAME_WORD = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}[\\p{Ll}'’]+)?";
    private static final String NAME = "(" + NAME_WORD
            + "(?:[ \\u00A0](?:(?:da|de|do|dos|van|von|der|den|di|del|la|le) )?" + NAME_WORD + "){0,3})";
    /** Two words at least: one capitalised word after "Customer:" is as often a product or a tier as a name. */
    private static final String FULL_NAME = "(" + NAME_WORD
            + "(?:[ \\u00A0](?:(?:da|de|do|dos|van|von|der|den|di|del|la|le) )?" + NAME_WORD + "){1,3})";

    private static final String BOLD = "(?:\\*\\*|\\*|__|_)?";
    private static final Pattern SALUTATION_NAME =
            Pattern.compile("(?<![\\p{L}])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Frau|Herr|M\\.|Mme|Mlle|Sr|Sra|Srta)\\.?[ \\u00A0]+"
                    + BOLD + NAME + "(?![\\p{L}])");
    private static final Pattern FIELD_NAME =
            Pattern.compile("(?m)(?<![\\p{L}])(?i:name|full name|contact|contact person|reporter|customer|"
                    + "kunde|kundin|ansprechpartner(?:in)?|patient|nom|nome|nombre|cliente|client|segurad[oa]|paciente)"
                    + "[ \\u00A0]*:[ \\u00A0]*" + BOLD + FULL_NAME + "(?![\\p{L}])");
    /** A name right before its date of birth: "Eleanor Marsh, born …", "Rajesh Kumar (DOB …)". */
    private static final Pattern NAME_BEFORE_BIRTH = Pattern.compile(
            "(?<![\\p{L}])" + BOLD + FULL_NAME + BOLD
                    + "(?:,[ \\u00A0]*|[ \\u00A0]*\\([ \\u00A0]*)(?i:born|DOB|D\\.O\\.B\\.|date of birth|geboren|né|née|nascid[oa]|nacid[oa])(?![\\p{L}])");

    private static final Pattern SIGNATURE =
            Pattern.compile("(?m)^[ \\t]*(?i:thanks|thank you|many thanks|regards|best regards|kind regards|"
                    + "best|cheers|viele grüße|mit freundlichen grüßen|beste grüße|grüße|cordialement|bien à vous|"
                    + "atenciosamente|abraços|saludos|un saludo)(?:[,!.]?[ \\t]*\\n|,[ \\t]+)[ \\t]*"
                    + FULL_NAME + "[ \\t]*$");
    private static final String DATE = "(\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2}"
            + "|\\d{1,2}\\.?[ \\u00A0](?:de[ \\u00A0])?\\p{L}{3,10}\\.?(?:[ \\u00A0]de)?[ \\u00A0]\\d{4}|\\p{L}{3,10}\\.?[ \\u00A0]\\d{1,2},?[ \\u00A0]\\d{4})";
    private static final Pattern DATE_OF_BIRTH = Pattern.compile(
            "(?i)(?<![\\p{L}])(?:born(?: on)?|DOB|D\\.O\\.B\\.|date of birth|birth ?date|geboren(?: am)?|geburtsdatum|"
                    + "née? le|date de naissance|nascid[oa] em|data de nascimento|nacid[oa] el|fecha de nacimiento)"
                    + "[ \\u00A0]*[:=(]?[ \\u00A0]*" + DATE + "(?!\\d)");

    /** Lengths of the IBANs of the SEPA countries and a few others; anything else is not an IBAN. */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AT", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BR", 29),
            Map.entry("CH", 21),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DK", 18),
            Map.entry("EE", 20),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GR", 27),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("MC", 27),
            Map.entry("MT", 31),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("PL", 28),
            Map.entry("PT", 25),
            Map.entry("RO", 24),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VA", 22));

    /**
     * Every span of personal data in the text, without overlaps: where two detections overlap, the
     * one that starts first wins, then the longer one, then the more specific type.
     *
     * @param mentionNames display names of the people mentioned in the ADF, with or without a
     *     leading {@code @}; their occurrences are masked as users even where no pattern would find
     *     them (a single name, a name with digits)
     */
    List<Detection> find(String text, Collection<String> mentionNames) {
        List<Detection> all = new ArrayList<>();
        all.addAll(privateKeys(text));
        all.addAll(jwts(text));
        all.addAll(bearerTokens(text));
        all.addAll(awsKeys(text));
        all.addAll(connectionStringPasswords(text));
        all.addAll(mentions(text, mentionNames));
        all.addAll(accountIds(text));
        all.addAll(emails(text));
        all.addAll(ibans(text));
        all.addAll(cards(text));
        all.addAll(ipv4Addresses(text));
        all.addAll(ipv6Addresses(text));
        all.addAll(datesOfBirth(text));
        all.addAll(phoneNumbers(text));
        all.addAll(personNames(text));
        return withoutOverlaps(all);
    }

    static List<Detection> withoutOverlaps(List<Detection> detections) {
        List<Detection> sorted = new ArrayList<>(detections);
        sorted.sort(Comparator.comparingInt(Detection::start)
                .thenComparing(Comparator.comparingInt(Detection::length).reversed())
                .thenComparingInt(detection -> detection.type().ordinal()));
        List<Detection> kept = new ArrayList<>();
        for (Detection detection : sorted) {
            if (kept.isEmpty() || !kept.get(kept.size() - 1).overlaps(detection)) {
                kept.add(detection);
            }
        }
        return kept;
    }

    static List<Detection> privateKeys(String text) {
        return all(PRIVATE_KEY, 0, text, PersonalDataType.SECRET);
    }

    static List<Detection> jwts(String text) {
        List<Detection> found = new ArrayList<>();
        Matcher matcher = JWT.matcher(text);
        while (matcher.find()) {
            if (headerNamesAnAlgorithm(
                    matcher.group().substring(0, matcher.group().indexOf('.')))) {
                found.add(new Detection(matcher.start(), matcher.end(), PersonalDataType.SECRET));
            }
        }
        return found;
    }

    private static boolean headerNamesAnAlgorithm(String encodedHeader) {
        try {
            String header = new String(Base64.getUrlDecoder().decode(encodedHeader), StandardCharsets.UTF_8);
            JsonNode json = JsonMapper.shared().readTree(header);
            return json.isObject() && json.has("alg");
        } catch (IllegalArgumentException | JacksonException e) {
            return false; // not base64url or not JSON: some other dotted token
        }
    }

    static List<Detection> bearerTokens(String text) {
        return all(BEARER, 1, text, PersonalDataType.SECRET);
    }

    static List<Detection> awsKeys(String text) {
        List<Detection> found = new ArrayList<>(all(AWS_ACCESS_KEY, 0, text, PersonalDataType.SECRET));
        found.addAll(all(AWS_SECRET_KEY, 1, text, PersonalDataType.SECRET));
        return found;
    }

    static List<Detection> connectionStringPasswords(String text) {
        List<Detection> found = new ArrayList<>(all(URL_PASSWORD, 1, text, PersonalDataType.SECRET));
        found.addAll(all(KEY_VALUE_PASSWORD, 1, text, PersonalDataType.SECRET));
        return found;
    }

    static List<Detection> emails(String text) {
        return all(EMAIL, 0, text, PersonalDataType.EMAIL);
    }

    static List<Detection> ibans(String text) {
        List<Detection> found = new ArrayList<>();
        Matcher matcher = IBAN_START.matcher(text);
        while (matcher.find()) {
            Integer length = IBAN_LENGTHS.get(matcher.group(1));
            if (length == null) {
                continue;
            }
            int end = ibanEnd(text, matcher.start(), length);
            if (end > 0 && hasValidIbanChecksum(text.substring(matcher.start(), end))) {
                found.add(new Detection(matcher.start(), end, PersonalDataType.IBAN));
            }
        }
        return found;
    }

    /**
     * Where an IBAN of the given length that starts at {@code start} ends, reading either no spaces
     * or a single space between groups of four; -1 if the text does not hold one.
     */
    private static int ibanEnd(String text, int start, int length) {
        int characters = 0;
        int i = start;
        while (characters < length) {
            if (i >= text.length()) {
                return -1;
            }
            char c = text.charAt(i);
            if (c == ' ' && characters % 4 == 0 && characters > 0 && i + 1 < text.length()) {
                i++;
                continue;
            }
            if (!Character.isLetterOrDigit(c) || c > 127) {
                return -1;
            }
            characters++;
            i++;
        }
        boolean endsAtWord = i == text.length() || !Character.isLetterOrDigit(text.charAt(i));
        return endsAtWord ? i : -1;
    }

    static boolean hasValidIbanChecksum(String iban) {
        String compact = iban.replace(" ", "").toUpperCase(Locale.ROOT);
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    static List<Detection> cards(String text) {
        List<Detection> found = new ArrayList<>();
        Matcher matcher = CARD.matcher(text);
        while (matcher.find()) {
            String candidate = matcher.group();
            String digits = candidate.replaceAll("[ -]", "");
            if (isGroupedLikeACard(candidate) && hasCardPrefix(digits) && passesLuhn(digits)) {
                found.add(new Detection(matcher.start(), matcher.end(), PersonalDataType.CARD));
            }
        }
        return found;
    }

    /** One separator throughout, between the groups printed on cards (4-4-4-4, 4-6-5, 4-6-4, …). */
    private static boolean isGroupedLikeACard(String candidate) {
        boolean spaces = candidate.indexOf(' ') >= 0;
        boolean dashes = candidate.indexOf('-') >= 0;
        if (!spaces && !dashes) {
            return true;
        }
        if (spaces && dashes) {
            return false;
        }
        String[] groups = candidate.split(spaces ? " " : "-");
        if (groups.length == 3 && groups[0].length() == 4 && groups[1].length() == 6) {
            return groups[2].length() == 4 || groups[2].length() == 5;
        }
        for (int i = 0; i < groups.length - 1; i++) {
            if (groups[i].length() != 4) {
                return false;
            }
        }
        return groups[groups.length - 1].length() >= 1 && groups[groups.length - 1].length() <= 4;
    }

    /** Issuer prefixes of the schemes in use (Visa 4, Mastercard 2/5, Amex 34/37, Discover/UnionPay 6, …). */
    private static boolean hasCardPrefix(String digits) {
        char first = digits.charAt(0);
        return first >= '2' && first <= '6';
    }

    static boolean passesLuhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    static List<Detection> ipv4Addresses(String text) {
        List<Detection> found = new ArrayList<>();
        Matcher matcher = IPV4.matcher(text);
        while (matcher.find()) {
            boolean octets = true;
            for (int group = 1; group <= 4; group++) {
                String octet = matcher.group(group);
                octets &= Integer.parseInt(octet) <= 255 && (octet.length() == 1 || octet.charAt(0) != '0');
            }
            String before = text.substring(Math.max(0, matcher.start() - 12), matcher.start());
            if (octets && !VERSION_BEFORE.matcher(before).find()) {
                found.add(new Detection(matcher.start(), matcher.end(), PersonalDataType.IPV4));
            }
        }
        return found;
    }

    static List<Detection> ipv6Addresses(String text) {
        List<Detection> found = new ArrayList<>();
        Matcher matcher = IPV6_CANDIDATE.matcher(text);
        while (matcher.find()) {
            if (isIpv6(matcher.group())) {
                found.add(new Detection(matcher.start(), matcher.end(), PersonalDataType.IPV6));
            }
        }
        return found;
    }

    /**
     * Eight groups of one to four hex digits, or fewer with one {@code ::}; the last two groups may be
     * a dotted IPv4 address. At least one digit, so {@code abc::def} (code) is not an address, and at
     * least two groups, so a lone {@code ::} is not either.
     */
    static boolean isIpv6(String candidate) {
        if (!candidate.matches(".*\\d.*") || candidate.contains(":::")) {
            return false;
        }
        int compression = candidate.indexOf("::");
        if (compression >= 0 && candidate.indexOf("::", compression + 1) >= 0) {
            return false;
        }
        String address = candidate;
        int lastColon = address.lastIndexOf(':');
        String tail = address.substring(lastColon + 1);
        if (tail.contains(".")) {
            if (!tail.matches(
                    "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)")) {
                return false;
            }
            // The dotted address fills the last two groups.
            address = address.substring(0, lastColon + 1) + "0:0";
        }
        List<String> parts = new ArrayList<>();
        if (compression >= 0) {
            int split = address.indexOf("::");
            addGroups(address.substring(0, split), parts);
            addGroups(address.substring(split + 2), parts);
        } else {
            addGroups(address, parts);
        }
        for (String part : parts) {
            if (!HEX_GROUP.matcher(part).matches()) {
                return false;
            }
        }
        int groups = parts.size();
        return compression >= 0 ? groups >= 2 && groups <= 7 : groups == 8;
    }

    private static void addGroups(String side, List<String> parts) {
        if (!side.isEmpty()) {
            parts.addAll(List.of(side.split(":", -1)));
        }
    }

    static List<Detection> phoneNumbers(String text) {
        List<Detection> found = new ArrayList<>();
        Matcher matcher = PHONE.matcher(text);
        while (matcher.find()) {
            String candidate = matcher.group();
            int end = matcher.end();
            // A closing parenthesis the pattern took belongs to the sentence, not the number.
            while (candidate.endsWith(")")
                    && candidate.chars().filter(c -> c == '(').count()
                            < candidate.chars().filter(c -> c == ')').count()) {
                candidate = candidate.substring(0, candidate.length() - 1);
                end--;
            }
            long digits = candidate.chars().filter(Character::isDigit).count();
            boolean international = candidate.startsWith("+");
            String before = text.substring(Math.max(0, matcher.start() - 1), matcher.start());
            String after = text.substring(end, Math.min(text.length(), end + 2));
            if (digits >= (international ? 8 : 9)
                    && digits <= 15
                    && !PHONE_BOUNDARY_BEFORE.matcher(before).find()
                    && !PHONE_BOUNDARY_AFTER.matcher(after).find()
                    && !looksLikeADate(candidate)) {
                found.add(new Detection(matcher.start(), end, PersonalDataType.PHONE));
            }
        }
        return found;
    }

    private static boolean looksLikeADate(String candidate) {
        return candidate.matches("\\d{1,4}[-/]\\d{1,2}[-/]\\d{1,4}");
    }

    static List<Detection> mentions(String text, Collection<String> mentionNames) {
        List<Detection> found = new ArrayList<>(all(MENTION, 0, text, PersonalDataType.USER));
        for (String mentionName : mentionNames) {
            String name = mentionName.strip();
            while (name.startsWith("@")) {
                name = name.substring(1).strip();
            }
            if (name.isEmpty()) {
                continue;
            }
            Pattern occurrence = Pattern.compile("(?<![\\p{L}\\p{N}])@?" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])");
            found.addAll(all(occurrence, 0, text, PersonalDataType.USER));
        }
        return found;
    }

    static List<Detection> accountIds(String text) {
        List<Detection> found = new ArrayList<>();
        Matcher matcher = ACCOUNT_ID.matcher(text);
        while (matcher.find()) {
            String id = matcher.group();
            // A 24-character run of only digits or only letters is a number or a word, not an id.
            if (id.contains(":") || (id.matches(".*\\d.*") && id.matches(".*[a-f].*"))) {
                found.add(new Detection(matcher.start(), matcher.end(), PersonalDataType.USER));
            }
        }
        return found;
    }

    static List<Detection> personNames(String text) {
        List<Detection> found = new ArrayList<>();
        found.addAll(all(SALUTATION_NAME, 1, text, PersonalDataType.PERSON));
        found.addAll(all(FIELD_NAME, 1, text, PersonalDataType.PERSON));
        found.addAll(all(NAME_BEFORE_BIRTH, 1, text, PersonalDataType.PERSON));
        found.addAll(all(SIGNATURE, 1, text, PersonalDataType.PERSON));
        return found;
    }

    static List<Detection> datesOfBirth(String text) {
        return all(DATE_OF_BIRTH, 1, text, PersonalDataType.DATE_OF_BIRTH);
    }

    private static List<Detection> all(Pattern pattern, int group, String text, PersonalDataType type) {
        List<Detection> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (matcher.start(group) >= 0 && matcher.end(group) > matcher.start(group)) {
                found.add(new Detection(matcher.start(group), matcher.end(group), type));
            }
        }
        return found;
    }
}
