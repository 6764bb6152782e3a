package io.github.gluehealthcheck.engine.report;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.UntrustedText;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml}: one testcase per job, so any CI that reads JUnit results shows each job's health. A failed
 * job is a failure, a check that could not be carried out (or was cancelled) an error, a job a local run could not
 * judge is skipped with the reason.
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static String render(PlanResult result) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "glue-health-check");
            x.writeAttribute("tests", String.valueOf(result.checks().size()));
            x.writeAttribute("failures", String.valueOf(result.count(CheckStatus.FAILED)));
            x.writeAttribute("errors", String.valueOf(result.count(CheckStatus.ERROR) + result.count(CheckStatus.CANCELLED)));
            x.writeAttribute("skipped", String.valueOf(result.count(CheckStatus.NOT_CHECKED_LOCALLY)
                    + result.count(CheckStatus.SKIPPED)));
            x.writeAttribute("time", seconds(result.durationSeconds()));
            x.writeAttribute("timestamp", result.startedAt().toString());
            String classname = text("glue-health-check." + result.context().repo());
            for (CheckResult c : result.checks()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", classname);
                x.writeAttribute("name", text(c.baseName()));
                x.writeAttribute("time", seconds(c.durationSeconds()));
                if (c.status() == CheckStatus.NOT_CHECKED_LOCALLY || c.status() == CheckStatus.SKIPPED) {
                    // Neither passed nor failed (or not checked on purpose, changed_only): JUnit's "skipped", with
                    // the reason in the user's words.
                    x.writeCharacters("\n    ");
                    x.writeStartElement("skipped");
                    x.writeAttribute("message", c.verdict() + ": " + c.reason());
                    x.writeEndElement();
                } else if (c.status() != CheckStatus.PASSED) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement(c.status() == CheckStatus.FAILED ? "failure" : "error");
                    x.writeAttribute("message", UntrustedText.oneLine(c.reason() + (c.errorMessage() == null ? "" : ": " + c.errorMessage())));
                    x.writeAttribute("type", text(c.state() != null ? c.state() : c.status().name()));
                    StringBuilder text = new StringBuilder();
                    if (c.errorMessage() != null) {
                        text.append(c.errorMessage()).append('\n');
                    }
                    c.lastErrorLines().forEach(l -> text.append(l).append('\n'));
                    x.writeCharacters(text(text.toString()));
                    x.writeEndElement();
                }
                x.writeCharacters("\n    ");
                x.writeStartElement("system-out");
                x.writeCharacters(text(details(c)));
                x.writeEndElement();
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return out.toString();
    }

    /**
     * Text from a job or from Glue, kept to the characters XML 1.0 allows (a control character in a job's error
     * output would make the whole file unreadable to every JUnit reader), the others shown as escapes.
     */
    private static String text(String s) {
        return UntrustedText.multiLine(s);
    }

    private static String details(CheckResult c) {
        StringBuilder b = new StringBuilder();
        b.append("status: ").append(c.verdict()).append(" (").append(c.reason()).append(")\n");
        if (c.reused()) {
            b.append("reused: the pass of run ").append(c.reusedFrom().runId()).append(" in ")
                    .append(c.reusedFrom().origin()).append(" at ").append(c.reusedFrom().passedAt())
                    .append(c.reusedFrom().buildUrl() == null ? "" : " (" + c.reusedFrom().buildUrl() + ")")
                    .append("; no job was created in this build\n");
        }
        if (c.jobName() != null) {
            b.append("job: ").append(c.jobName()).append('\n');
        }
        if (c.runId() != null) {
            b.append("run: ").append(c.runId()).append(" state ").append(c.state()).append('\n');
            if (c.logsUrl() != null) {
                b.append("logs: ").append(c.logsUrl()).append('\n');
            }
        }
        if (c.checkedOnly()) {
            b.append("note: compiled only: the script was compiled, not run (local endpoint)\n");
        }
        c.cleanup().forEach(s -> b.append("cleanup: ").append(s).append('\n'));
        return b.toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
