package dev.casewright.generation;

import java.util.ArrayList;
import java.util.List;

/**
 * The JMH benchmark's way in to the package-private {@link ScenarioDuplicates}: JMH needs public
 * benchmark classes, and they live in the {@code benchmarks} sub-package. Test sources only.
 */
public final class BenchmarkedDuplicateCheck {

    /** Ten features with a happy, a negative and an edge case each: 30 distinct scenarios. */
    private static final String[][] FEATURES = {
        {
            "login",
            "a registered user on the login page",
            "enters a valid email and password",
            "sees the account dashboard",
            "enters a wrong password",
            "sees an error and stays logged out",
            "enters a wrong password for the fifth time",
            "the account is locked for 15 minutes"
        },
        {
            "password reset",
            "a user who forgot the password",
            "requests a reset link for a registered email",
            "receives a reset link valid for one hour",
            "requests a reset link for an unknown email",
            "sees the same confirmation as for a known email",
            "opens a reset link after two hours",
            "is told the link expired"
        },
        {
            "cart",
            "a customer browsing the book catalogue",
            "adds a book to the cart",
            "the cart shows one item and its price",
            "adds a book that is out of stock",
            "is told the book cannot be ordered",
            "adds the same book 99 times",
            "the quantity is capped at 20"
        },
        {
            "card payment",
            "a customer at checkout with a cart worth 40 euros",
            "pays with a valid credit card",
            "the order is confirmed and paid",
            "pays with an expired card",
            "the payment is declined with a reason",
            "the payment provider times out",
            "the order stays unpaid and can be retried"
        },
        {
            "shipping costs",
            "a cart with two books worth 30 euros",
            "chooses a delivery address in Switzerland",
            "shipping costs of 12 euros are added",
            "chooses a delivery address on a remote island",
            "the address is rejected for delivery",
            "raises the cart value to exactly 50 euros",
            "shipping becomes free"
        },
        {
            "voucher codes",
            "a customer with a cart worth 80 euros",
            "redeems a valid 10 percent voucher",
            "the total drops by 8 euros",
            "redeems an expired voucher",
            "the voucher is rejected",
            "redeems a voucher worth more than the cart",
            "the total is zero and never negative"
        },
        {
            "product search",
            "a catalogue with books by Jane Austen",
            "searches for Austen",
            "only books by Jane Austen are listed",
            "searches for a term with no matches",
            "suggestions for similar terms are shown",
            "searches with 300 characters",
            "the query is cut to 100 characters"
        },
        {
            "customer profile",
            "a logged-in customer on the profile page",
            "changes the delivery address",
            "the new address is used for the next order",
            "enters a postcode with letters for Germany",
            "the postcode is rejected",
            "deletes the account",
            "personal data is removed within 30 days"
        },
        {
            "order history",
            "a customer with three past orders",
            "opens the order history",
            "the orders are listed newest first",
            "opens an order of another customer by its URL",
            "access is denied",
            "has no orders at all",
            "an empty history with a link to the shop is shown"
        },
        {
            "newsletter",
            "a visitor on the newsletter page",
            "subscribes with a valid email",
            "a confirmation email is sent",
            "subscribes with a malformed email",
            "the form shows a validation error",
            "subscribes twice with the same email",
            "only one subscription exists"
        },
    };

    private static final String[] KINDS = {"succeeds", "is refused", "at its limit"};

    private final ScenarioDuplicates duplicates = new ScenarioDuplicates();
    private final List<ScenarioText> suite;

    /** A check of a suite of {@code size} scenarios, at most 30. */
    public BenchmarkedDuplicateCheck(int size) {
        suite = suiteOf(size);
    }

    /**
     * The first {@code size} of the 30 scenarios, features interleaved, so a suite of 8 covers eight
     * features as a generated suite would.
     */
    private static List<ScenarioText> suiteOf(int size) {
        if (size > FEATURES.length * KINDS.length) {
            throw new IllegalArgumentException("At most 30 distinct scenarios: " + size);
        }
        List<ScenarioText> suite = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String[] feature = FEATURES[i % FEATURES.length];
            int kind = (i / FEATURES.length) % KINDS.length;
            String title = feature[0] + " " + KINDS[kind];
            String gherkin = "Scenario: " + title + "\n"
                    + "  Given " + feature[1] + "\n"
                    + "  And the shop runs in the default region\n"
                    + "  When the customer " + feature[2 + 2 * kind] + "\n"
                    + "  Then " + feature[3 + 2 * kind] + "\n"
                    + "  And the event is written to the audit log\n";
            suite.add(new ScenarioText("S" + (i + 1), title, gherkin));
        }
        return suite;
    }

    /** Loads the model, so the benchmark's first measured call does not pay for it. */
    public void warmUp() {
        duplicates.within(suiteOf(2), ScenarioDuplicates.DEFAULT_THRESHOLD);
    }

    /** Checks the suite and returns how many near-duplicate pairs it found. */
    public int check() {
        return duplicates.within(suite, ScenarioDuplicates.DEFAULT_THRESHOLD).size();
    }
}
