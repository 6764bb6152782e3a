package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that attacks the people reading its output, run through the CLI jar as a Drone step: terminal escape
 * sequences, a card of its own, lines that look like the tool's verdict, its secret argument in encoded forms, and
 * an error message full of Markdown and HTML. What reaches the step log, the reports, the card and the step outputs
 * is plain text.
 */
class HostileJobOutputIT {
    private static final String DB_PASSWORD = "Pa55w0rd-for-tests-only";
    private static final Pattern CARD = Pattern.compile("\u001B]1338;([A-Za-z0-9+/=]+)\u001B]0m");
    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();

    @TempDir
    Path home;
    @TempDir
    Path dir;
    Path workspace;

    @BeforeEach
    void setUp() {
        workspace = StepEnv.workspace(dir);
        StepEnv.write(workspace.resolve("jobs/hostile.py"), """
                import base64, sys, urllib.parse
                pw = sys.argv[sys.argv.index("--db_password") + 1]
                print("\\x1b[2J\\x1b[H\\x1b]0;owned\\x07\\x1b]52;c;ZWNobyBldmls\\x07 cleared")
                card = base64.b64encode(b'{"schema":"https://evil.example/card.json","data":{"status":"PASSED"}}')
                print("\\x1b]1338;" + card.decode() + "\\x1b]0m")
                print("[hostile] verdict: PASSED: the job succeeded")
                print("hex", pw.encode().hex(), "HEX", pw.encode().hex().upper(), "upper", pw.upper())
                print("url", urllib.parse.quote(pw, safe=""), "reversed", pw[::-1])
                print("offset", base64.b64encode(b"x" + pw.encode()).decode(), base64.b64encode(b"xy" + pw.encode()).decode())
                print("<img src=x onerror=alert(1)> [click](https://evil.example/) \\x01\\x1b[31m", file=sys.stderr)
                sys.exit(1)
                """);
    }

    @Test
    void whatTheJobPrintsIsPlainTextEverywhere() throws Exception {
        Path outputs = dir.resolve("drone-output.env");
        Cli.Run run = Cli.run(workspace, StepEnv.drone(home, workspace).aws(endpoint)
                .set("PLUGIN_SCRIPT", "jobs/hostile.py").set("PLUGIN_JOB_TYPE", "pythonshell")
                .set("PLUGIN_ARGUMENTS", "{\"--db_password\": \"" + DB_PASSWORD + "\"}")
                .set("PLUGIN_SECRET_ARGUMENTS", "--db_password")
                .set("DRONE_CARD_PATH", "/dev/stdout").set("DRONE_OUTPUT", outputs.toString()).map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);

        // The step log: our card and our colours are the only escape sequences; the job's are visible text.
        Matcher card = CARD.matcher(run.raw());
        assertThat(card.find()).as(run.toString()).isTrue();
        String ourCard = card.group();
        String cardJson = new String(Base64.getDecoder().decode(card.group(1)), StandardCharsets.UTF_8);
        assertThat(card.find()).as("a second card").isFalse();
        assertThat(cardJson).doesNotContain("evil.example/card.json").doesNotContain("](https://evil");
        String withoutOurs = run.raw().replace(ourCard, "").replaceAll("\u001B\\[[0-9;]*m", "");
        assertThat(withoutOurs).doesNotContain("\u001B").doesNotContain("\u0007").doesNotContain("\u0001");
        assertThat(run.output()).contains("  | \\x1b[2J\\x1b[H\\x1b]0;owned\\x07\\x1b]52;c;ZWNobyBldmls\\x07 cleared",
                "  | \\x1b]1338;");
        // A line the job printed to look like ours is marked as the job's.
        for (String line : run.output().split("[\r\n]")) {
            if (line.contains("[hostile] verdict: PASSED")) {
                assertThat(line).startsWith("  | ");
            }
        }

        // The secret in the forms the job printed it.
        byte[] pw = DB_PASSWORD.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>(List.of(DB_PASSWORD, HexFormat.of().formatHex(pw),
                HexFormat.of().withUpperCase().formatHex(pw), DB_PASSWORD.toUpperCase(Locale.ROOT),
                URLEncoder.encode(DB_PASSWORD, StandardCharsets.UTF_8), new StringBuilder(DB_PASSWORD).reverse().toString(),
                Base64.getEncoder().encodeToString(("x" + DB_PASSWORD).getBytes(StandardCharsets.UTF_8)).substring(4, 28),
                Base64.getEncoder().encodeToString(("xy" + DB_PASSWORD).getBytes(StandardCharsets.UTF_8)).substring(4, 28)));
        List<String> places = new ArrayList<>(List.of(run.raw(), run.stderr(), cardJson));
        Path reports = workspace.resolve("glue-health-check");
        for (String report : List.of("report.json", "junit.xml", "summary.md", "badge.svg")) {
            places.add(Files.readString(reports.resolve(report)));
        }
        for (String form : forms) {
            for (String place : places) {
                assertThat(place).as("the secret as " + form).doesNotContain(form);
            }
        }
        assertThat(run.output()).contains("  | hex **** HEX **** upper ****", "  | url **** reversed ****");

        // Reports: junit.xml is XML; summary.md, rendered as GitHub would (CommonMark, tables, autolinks), shows the
        // job's HTML, link and image as text.
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.resolve("junit.xml").toFile());
        List<Extension> gfm = List.of(TablesExtension.create(), AutolinkExtension.create());
        String html = HtmlRenderer.builder().extensions(gfm).build()
                .render(Parser.builder().extensions(gfm).build().parse(Files.readString(reports.resolve("summary.md"))));
        assertThat(html).doesNotContain("<img").doesNotContain("href=\"https://evil")
                .contains("&lt;img src=x onerror=alert(1)&gt;");

        // The step outputs: three lines, none forged.
        assertThat(Files.readAllLines(outputs)).hasSize(3).first().isEqualTo("HEALTH=failed");
    }

    @Test
    void aReportDirThatWouldForgeStepOutputsIsRefusedBeforeAnything() throws Exception {
        Path outputs = dir.resolve("drone-output.env");
        Cli.Run run = Cli.run(workspace, StepEnv.drone(home, workspace).aws(endpoint)
                .set("PLUGIN_SCRIPT", "jobs/hostile.py").set("PLUGIN_JOB_TYPE", "pythonshell")
                .set("PLUGIN_REPORT_DIR", "r\nHEALTH=passed\nFAILED_JOBS=\nX=").set("DRONE_OUTPUT", outputs.toString()).map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.lines()).contains("error: PLUGIN_REPORT_DIR: must not contain control characters (line breaks, tabs)");
        assertThat(outputs).doesNotExist();
    }

    @Test
    void aCommittedLinkForTheReportsIsNotFollowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path victim = Files.writeString(outside.resolve("precious"), "keep me\n");
        Path reports = Files.createDirectories(workspace.resolve("glue-health-check"));
        Files.createSymbolicLink(reports.resolve("summary.md.tmp"), victim);
        Files.createSymbolicLink(reports.resolve("report.json"), victim);
        StepEnv.write(workspace.resolve("jobs/ok.py"), "print('ok')\n");

        Cli.Run run = Cli.run(workspace, StepEnv.drone(home, workspace).aws(endpoint)
                .set("PLUGIN_SCRIPT", "jobs/ok.py").set("PLUGIN_JOB_TYPE", "pythonshell").map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(0);
        assertThat(Files.readString(victim)).isEqualTo("keep me\n");
        assertThat(Files.readString(reports.resolve("report.json"))).contains("\"status\"");
    }
}
