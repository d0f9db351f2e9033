package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each detector on what it must find and on what only looks like it. */
class PersonalDataFinderTests {

    private final PersonalDataFinder finder = new PersonalDataFinder();

    private List<String> found(String text, PersonalDataType type) {
        return found(text, type, List.of());
    }

    private List<String> found(String text, PersonalDataType type, List<String> mentionNames) {
        return finder.find(text, mentionNames).stream()
                .filter(detection -> detection.type() == type)
                .map(detection -> text.substring(detection.start(), detection.end()))
                .toList();
    }

    private List<String> anything(String text) {
        return finder.find(text, List.of()).stream()
                .map(detection -> detection.type() + " " + text.substring(detection.start(), detection.end()))
                .toList();
    }

    @Nested
    class Emails {

        @Test
        void findsAnAddressWithTagAndSubdomainsButNotTheSentencesFullStop() {
            assertThat(found("Write to jane.doe+qa@mail.example.co.uk.", PersonalDataType.EMAIL))
                    .containsExactly("jane.doe+qa@mail.example.co.uk");
        }

        @Test
        void doesNotTakeThePasswordOfAConnectionStringForAnAddress() {
            String url = "redis://:h0tC4che!2025@cache-01.internal.example.net:6379/0";

            assertThat(found(url, PersonalDataType.EMAIL)).isEmpty();
            assertThat(found(url, PersonalDataType.SECRET)).containsExactly("h0tC4che!2025");
        }
    }

    @Nested
    class PhoneNumbers {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "+49 30 23125 417",
                    "+55 21 2345-6789",
                    "+1 (415) 555-0132",
                    "+44 20 7946 0321",
                    "0171 3920015",
                    "07700 900123",
                    "020 7946 0321",
                    "030/1234567",
                    "(11) 98765-4321",
                    "(415) 555-0132",
                    "415-555-0132",
                    "01 23 45 67 89"
                })
        void findsInternationalAndNationalFormats(String number) {
            assertThat(found("Call " + number + ", please.", PersonalDataType.PHONE))
                    .containsExactly(number);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "The plan costs €49.00 a month",
                    "Sie wollte 2.400,00 € überweisen",
                    "released 2026-12-03 at 12:30:45",
                    "on 05-11-2024 and 05/11/2024",
                    "order 123456789 and order #0123456789",
                    "protocolo 2025-004417",
                    "incident INC-3317 in 2025",
                    "upgrade to 1.2.3.4",
                    "ISBN 978-3-16-148410-0",
                    "central 0800 with 14 minutes",
                    "uptime 6d 04:12:51",
                    "request id 6f1d2c3b-9a8e-4f70-b1c2-d3e4f5a6b7c8",
                    "between 10 000 and 20 000 users"
                })
        void ignoresAmountsDatesTimesIdsAndVersions(String text) {
            assertThat(found(text, PersonalDataType.PHONE)).isEmpty();
        }
    }

    @Nested
    class Ibans {

        @Test
        void findsAnIbanWithAndWithoutSpaces() {
            assertThat(found("auf DE89 3704 0044 0532 0130 00 überweisen", PersonalDataType.IBAN))
                    .containsExactly("DE89 3704 0044 0532 0130 00");
            assertThat(found("IBAN: DE89370400440532013000.", PersonalDataType.IBAN))
                    .containsExactly("DE89370400440532013000");
            assertThat(found("Testkonto AT61 1904 3002 3457 3201", PersonalDataType.IBAN))
                    .containsExactly("AT61 1904 3002 3457 3201");
        }

        @Test
        void ignoresAnIbanWithAWrongChecksum() {
            assertThat(anything("auf DE88 3704 0044 0532 0130 00 überweisen")).isEmpty();
        }

        @Test
        void checksTheChecksumWithMod97() {
            assertThat(PersonalDataFinder.hasValidIbanChecksum("GB82 WEST 1234 5698 7654 32"))
                    .isTrue();
            assertThat(PersonalDataFinder.hasValidIbanChecksum("GB82 WEST 1234 5698 7654 33"))
                    .isFalse();
        }
    }

    @Nested
    class Cards {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "4111 1111 1111 1111",
                    "4111-1111-1111-1111",
                    "4111111111111111",
                    "3782 822463 10005",
                    "5555 5555 5555 4444",
                    "4000000000003220"
                })
        void findsLuhnValidNumbersAsCardsPrintThem(String number) {
            assertThat(found("Card " + number + " was charged.", PersonalDataType.CARD))
                    .containsExactly(number);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "4111 1111 1111 1112",
                    "41 11 11 11 11 11 11 11",
                    "4111 1111-1111 1111",
                    "timestamp 1746101820123",
                    "ISBN 9783161484100",
                    "Visa •••• 1111, expires 12/27"
                })
        void ignoresLuhnInvalidOddlyGroupedAndOtherLongNumbers(String text) {
            assertThat(found(text, PersonalDataType.CARD)).isEmpty();
        }

        @Test
        void checksLuhn() {
            assertThat(PersonalDataFinder.passesLuhn("79927398713")).isTrue();
            assertThat(PersonalDataFinder.passesLuhn("79927398710")).isFalse();
        }
    }

    @Nested
    class IpAddresses {

        @Test
        void findsIpv4AddressesAlsoBeforeAPortOrAFullStop() {
            assertThat(found("jdbc:postgresql://10.24.3.17:5432/orders from 198.51.100.23.", PersonalDataType.IPV4))
                    .containsExactly("10.24.3.17", "198.51.100.23");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "version 1.2.3.4",
                    "v1.2.3.4",
                    "release 10.0.0.1",
                    "build 1.2.3.4.5",
                    "semver 1.2.3",
                    "256.1.1.1",
                    "3.12.4",
                    "01.02.03.04"
                })
        void ignoresVersionsAndInvalidOctets(String text) {
            assertThat(found(text, PersonalDataType.IPV4)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2001:db8:85a3::8a2e:370:7334",
                    "2001:0db8:0000:0000:0000:ff00:0042:8329",
                    "fe80::1",
                    "::ffff:192.0.2.128",
                    "2001:db8::"
                })
        void findsIpv6AddressesWithAndWithoutCompression(String address) {
            assertThat(found("x-forwarded-for: " + address + ", 203.0.113.9", PersonalDataType.IPV6))
                    .containsExactly(address);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"uptime 04:12:51", "std::vector", "MAC 00:1A:2B:3C:4D:5E", "a::b::c1", "1:2:3:4:5:6:7:8:9"})
        void ignoresTimesCodeAndMacAddresses(String text) {
            assertThat(found(text, PersonalDataType.IPV6)).isEmpty();
        }
    }

    @Nested
    class Secrets {

        @Test
        void findsAwsAccessAndSecretKeys() {
            String text = "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"
                    + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
                    + "AWS_SECRET_ACCESS_KEY: ********";

            assertThat(found(text, PersonalDataType.SECRET))
                    .containsExactly("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        }

        @Test
        void findsAJwtWhoseHeaderNamesAnAlgorithm() {
            String jwt = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64Url("{\"sub\":\"1\"}")
                    + ".c2lnbmF0dXJl";

            assertThat(found("token " + jwt + " expired", PersonalDataType.SECRET))
                    .containsExactly(jwt);
        }

        @Test
        void ignoresDottedTokensWhoseHeaderIsNoJwtHeader() {
            String notJwt = base64Url("{\"typ\":\"JWT\"}") + "." + base64Url("{\"sub\":\"1\"}") + ".c2ln";

            assertThat(found("token " + notJwt, PersonalDataType.SECRET)).isEmpty();
        }

        @Test
        void findsTheTokenOfABearerHeader() {
            assertThat(found("Authorization: Bearer ya29.a0AfH6SMBx-3kq_Example", PersonalDataType.SECRET))
                    .containsExactly("ya29.a0AfH6SMBx-3kq_Example");
        }

        @Test
        void findsAPemPrivateKeyAsOneBlock() {
            String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nq8W3\n-----END RSA PRIVATE KEY-----";

            assertThat(found("key:\n" + key + "\nend", PersonalDataType.SECRET)).containsExactly(key);
            assertThat(found("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----", PersonalDataType.SECRET))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "postgres://app:s3cr3t@db.example.com:5432/orders",
                    "jdbc:postgresql://10.0.0.1:5432/orders?user=app&password=s3cr3t",
                    "Server=db;User Id=app;Password=s3cr3t;Database=orders",
                    "redis://:s3cr3t@cache:6379/0"
                })
        void masksOnlyThePasswordOfAConnectionString(String connection) {
            assertThat(found(connection, PersonalDataType.SECRET)).containsExactly("s3cr3t");
        }

        @Test
        void ignoresPasswordsThatAreAlreadyHidden() {
            assertThat(found("password=******** and password=[REDACTED]", PersonalDataType.SECRET))
                    .isEmpty();
        }

        private static String base64Url(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class Users {

        @Test
        void findsATwoWordMentionWithoutTheMentionList() {
            assertThat(found("@Jens Hoffmann bitte klären", PersonalDataType.USER))
                    .containsExactly("@Jens Hoffmann");
        }

        @Test
        void findsTheMentionedNamesTheCallerPassesWithAndWithoutTheAt() {
            assertThat(found("ask @Ana today; Ana agreed", PersonalDataType.USER, List.of("@Ana")))
                    .containsExactly("@Ana", "Ana");
        }

        @Test
        void ignoresJavaAnnotationsAndEmailAddresses() {
            assertThat(found("Use @Transactional and @Override on ops@example.com", PersonalDataType.USER))
                    .isEmpty();
        }

        @Test
        void findsRawAccountIds() {
            assertThat(found(
                            "assignee 557058:f58131cb-b67d-43c7-b30d-6b58d40bd077 or 5b10a2844c20165700ede21f",
                            PersonalDataType.USER))
                    .containsExactly("557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", "5b10a2844c20165700ede21f");
            assertThat(found("number 123456789012345678901234", PersonalDataType.USER))
                    .isEmpty();
        }
    }

    @Nested
    class PersonNames {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Frau **Sabine Krüger** rief an",
                    "Herr Sabine Krüger",
                    "Mr. Sabine Krüger called",
                    "Customer: **Sabine Krüger**, sabine@example.com",
                    "Reporter: Sabine Krüger",
                    "**Sabine Krüger**, born 14/03/1987",
                    "Sabine Krüger (DOB 1979-08-02)",
                    "Thanks,\nSabine Krüger"
                })
        void findsNamesByTheWordsAroundThem(String text) {
            assertThat(found(text, PersonalDataType.PERSON)).containsExactly("Sabine Krüger");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Customer: Premium tier",
                    "Name: Feature flag",
                    "Reporter: QA Team",
                    "The Payment Service calls Stripe",
                    "Best effort delivery"
                })
        void leavesCapitalisedWordsWithoutSuchContextAlone(String text) {
            assertThat(found(text, PersonalDataType.PERSON)).isEmpty();
        }
    }

    @Nested
    class DatesOfBirth {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "born 14/03/1987",
                    "DOB 1979-08-02",
                    "date of birth: 1990-01-31",
                    "geboren am 3. März 1985",
                    "née le 12/05/1980",
                    "nascida em 22/09/1990"
                })
        void findsADateNextToAWordForBirth(String text) {
            assertThat(found(text, PersonalDataType.DATE_OF_BIRTH)).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"released 2026-12-03", "Agreed in refinement on 2025-04-08", "same date of birth, email"})
        void ignoresOtherDates(String text) {
            assertThat(anything(text)).isEmpty();
        }
    }

    @Test
    void keepsTheFirstAndLongestOfOverlappingDetections() {
        List<Detection> kept = PersonalDataFinder.withoutOverlaps(List.of(
                new Detection(5, 10, PersonalDataType.PHONE),
                new Detection(0, 8, PersonalDataType.CARD),
                new Detection(0, 4, PersonalDataType.EMAIL),
                new Detection(10, 12, PersonalDataType.IPV4)));

        assertThat(kept)
                .containsExactly(
                        new Detection(0, 8, PersonalDataType.CARD), new Detection(10, 12, PersonalDataType.IPV4));
    }
}
