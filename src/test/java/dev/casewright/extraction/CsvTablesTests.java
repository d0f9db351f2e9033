package dev.casewright.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvTablesTests {

    @Test
    void guessesTheSeparatorFromTheFirstLine() {
        assertThat(CsvTables.separatorOf("a,b,c")).isEqualTo(',');
        assertThat(CsvTables.separatorOf("a;b;c,d")).isEqualTo(';');
        assertThat(CsvTables.separatorOf("a\tb\tc")).isEqualTo('\t');
        assertThat(CsvTables.separatorOf("just one column")).isEqualTo(',');
    }

    @Test
    void readsQuotedFieldsWithSeparatorsQuotesAndLineBreaks() throws Exception {
        assertThat(table("id,text\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n2,|pipe|\r\n"))
                .isEqualTo("| id | text |\n|---|---|\n| 1 | a, \"b\" c |\n| 2 | \\|pipe\\| |\n");
    }

    @Test
    void skipsBlankLinesAndAByteOrderMark() throws Exception {
        assertThat(table("\uFEFFa,b\n\n1,2")).isEqualTo("| a | b |\n|---|---|\n| 1 | 2 |\n");
    }

    @Test
    void stopsAtTheCharacterLimitWithoutReadingTheRest() throws Exception {
        BoundedText out = new BoundedText(50);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CsvTables.write(new BufferedReader(new StringReader("x,y\n".repeat(10_000))), ',', out))
                .isInstanceOf(org.apache.tika.exception.WriteLimitReachedException.class);
        assertThat(out.close()).hasSize(50);
    }

    private static String table(String csv) throws Exception {
        BoundedText out = new BoundedText(10_000);
        CsvTables.write(
                new BufferedReader(new StringReader(csv)),
                CsvTables.separatorOf(csv.lines().findFirst().orElseThrow()),
                out);
        return out.close();
    }
}
