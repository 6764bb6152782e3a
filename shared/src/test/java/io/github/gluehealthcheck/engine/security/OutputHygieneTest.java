package io.github.gluehealthcheck.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.UntrustedText;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.report.Reports;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** What a job prints, or makes Glue say, reaches logs and reports as text that does nothing to its reader. */
class OutputHygieneTest {
    private static final String ESC = "\u001B";
    private static final String CARD = ESC + "]1338;eyJzY2hlbWEiOiJ4In0=" + ESC + "]0m";

    @TempDir
    Path dir;

    @Test
    void escapeSequencesInAJobLineBecomeVisibleText() {
        String line = ESC + "[2J" + ESC + "]0;pwned" + "\u0007" + ESC + "]52;c;Y3VybCBldmls" + "\u0007" + CARD + "\u009B31m";
        List<String> lines = UntrustedText.lines(line);
        assertThat(lines).singleElement().asString()
                .doesNotContain(ESC).doesNotContain("\u0007").doesNotContain("\u009B")
                .isEqualTo("\\x1b[2J\\x1b]0;pwned\\x07\\x1b]52;c;Y3VybCBldmls\\x07\\x1b]1338;eyJzY2hlbWEiOiJ4In0=\\x1b]0m\\x9b31m");
    }

    @Test
    void aJobLineWithLineBreaksBecomesSeveralLinesSoEachGetsTheJobsPrefix() {
        assertThat(UntrustedText.lines("ok\n[orders] verdict: PASSED\rtail\r\nx\u2028y\u0085z"))
                .containsExactly("ok", "[orders] verdict: PASSED", "tail", "x", "y", "z");
        assertThat(UntrustedText.oneLine("a\nb\rc")).isEqualTo("a\\nb\\rc");
    }

    @Test
    void bidirectionalOverridesAndUnpairedSurrogatesAreShown() {
        assertThat(UntrustedText.oneLine("a\u202Eb\u2066c\uD800d\uD83D\uDE00")).isEqualTo("a\\u202eb\\u2066c\\ud800d\uD83D\uDE00");
    }

    private static PlanResult failedWith(String errorMessage, List<String> lastErrorLines) {
        CheckResult failed = CheckResult.builder().baseName("orders").jobName("glue-health-check-orders-etl-b1-bb")
                .runId("jr_2").status(CheckStatus.FAILED).state("FAILED").reason("the job failed")
                .errorMessage(errorMessage).lastErrorLines(lastErrorLines).durationSeconds(3).logsUrl("https://l/x")
                .build();
        return new PlanResult(CheckStatus.FAILED, List.of(failed),
                CiContext.builder().repo("data/etl").pullRequest("5").buildNumber("1").build(), null, null, null,
                Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:20Z"));
    }

    @Test
    void junitStaysWellFormedXmlWithControlCharactersInTheJobsOutput() throws Exception {
        PlanResult r = failedWith("bad \u0001 value " + ESC + "[31m\uFFFE", List.of("line \u0000 with NUL", "\uDC00 lone"));
        Reports.writeAll(r, dir, Redactor.NONE);
        String xml = Files.readString(dir.resolve("junit.xml"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        String failure = doc.getElementsByTagName("failure").item(0).getTextContent();
        assertThat(failure).contains("bad \\x01 value \\x1b[31m\\ufffe").contains("line \\x00 with NUL")
                .contains("\\udc00 lone");
    }

    @Test
    void summaryMarkdownRendersGlueMessagesAsPlainText() throws Exception {
        String message = "boom <img src=x onerror=alert(1)> [click](https://evil.example/) ![i](https://evil.example/i.png)"
                + " **bold** `code` | cell\rinjected <script>x</script> https://evil.example/bare www.evil.example a@evil.example";
        PlanResult r = failedWith(message, List.of("trace\r```\n<img src=y onerror=alert(2)>", "~~~ [x](https://evil.example/)"));
        Reports.writeAll(r, dir, Redactor.NONE);
        String md = Files.readString(dir.resolve("summary.md"));
        assertThat(md).doesNotContain("\r");

        Parser parser = Parser.builder().extensions(List.of(TablesExtension.create(), AutolinkExtension.create())).build();
        String html = HtmlRenderer.builder().extensions(List.of(TablesExtension.create(), AutolinkExtension.create()))
                .build().render(parser.parse(md));
        assertThat(html).doesNotContain("<img").doesNotContain("<script").doesNotContain("<strong")
                .doesNotContain("evil.example/\"").doesNotContain("href=\"https://evil").doesNotContain("mailto:")
                .doesNotContain("href=\"http://www.evil");
        // The only link is our own to the run's logs.
        assertThat(html.split("<a ", -1)).hasSize(2);
        assertThat(html).contains("href=\"https://l/x\"");
        // And the text is still all there to read.
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;").contains("[click](https").contains("injected");
        // The table keeps its six columns: the message's | did not add one.
        assertThat(html.split("<td>", -1)).hasSize(7);
    }

    @Test
    void theMaskFindsEncodedAndTransformedFormsOfASecret() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        Redactor r = Redactor.of(List.of(secret));
        byte[] bytes = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + bytes.length + 2];
            java.util.Arrays.fill(shifted, (byte) 'z');
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            String b64 = java.util.Base64.getEncoder().encodeToString(shifted);
            String masked = r.mask("token=" + b64);
            assertThat(masked).as("base64 at offset " + offset).contains("****");
            assertThat(masked.length()).as("base64 at offset " + offset + " left visible").isLessThan(6 + 12 + 4);
        }
        Set<String> forms = Set.of(secret.toUpperCase(java.util.Locale.ROOT), secret.toLowerCase(java.util.Locale.ROOT),
                java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8),
                java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT),
                java.util.HexFormat.of().formatHex(bytes), java.util.HexFormat.of().withUpperCase().formatHex(bytes),
                new StringBuilder(secret).reverse().toString(),
                java.util.Base64.getUrlEncoder().encodeToString(bytes),
                secret.substring(0, 17) + "\n" + secret.substring(17), secret.substring(0, 5) + "\r\n" + secret.substring(5));
        for (String form : forms) {
            assertThat(r.mask("before " + form + " after")).as(form).isEqualTo("before **** after");
        }
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        Redactor r = Redactor.of(List.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "s3cr3t"));
        String text = "the job succeeded in 12.5 s; SELECT * FROM orders WHERE id = 42";
        assertThat(r.mask(text)).isEqualTo(text);
    }

    @Test
    void aMessageCannotStartAHeadingListOrQuoteInSummaryMarkdown() {
        Parser parser = Parser.builder().build();
        HtmlRenderer html = HtmlRenderer.builder().build();
        for (String text : List.of("# heading", "  - item", "+ item", "1. item", "12) item", "> quote", "===", "<b>x</b>")) {
            assertThat(html.render(parser.parse("intro\n\n" + UntrustedText.markdown(text))))
                    .as(text).isEqualTo("<p>intro</p>\n<p>" + text.strip().replace("&", "&amp;").replace("<", "&lt;")
                            .replace(">", "&gt;") + "</p>\n");
        }
    }
}
