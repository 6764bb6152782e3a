package io.github.gluehealthcheck.engine.report;

import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import java.util.Locale;

/** {@code badge.svg}: a small "glue health | passed" badge for READMEs and build pages. */
public final class Badge {
    private static final String LABEL = "glue health";

    private Badge() {
    }

    /** The badge of a plan's overall verdict, in the words every report uses (e.g. "compiled only"). */
    public static String render(PlanResult result) {
        return render(result.status(), result.verdict());
    }

    public static String render(CheckStatus status) {
        return render(status, status.label());
    }

    private static String render(CheckStatus status, String verdict) {
        String value = verdict.toLowerCase(Locale.ROOT);
        String color = switch (status) {
            case PASSED -> "#4c1";
            case FAILED -> "#e05d44";
            case ERROR -> "#fe7d37";
            case CANCELLED, SKIPPED -> "#9f9f9f";
            case NOT_CHECKED_LOCALLY -> "#dfb317";
        };
        int labelWidth = 6 * LABEL.length() + 10;
        int valueWidth = 6 * value.length() + 10;
        int width = labelWidth + valueWidth;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"20\" role=\"img\" aria-label=\""
                + LABEL + ": " + value + "\">\n"
                + "  <title>" + LABEL + ": " + value + "</title>\n"
                + "  <rect width=\"" + labelWidth + "\" height=\"20\" fill=\"#555\"/>\n"
                + "  <rect x=\"" + labelWidth + "\" width=\"" + valueWidth + "\" height=\"20\" fill=\"" + color + "\"/>\n"
                + "  <g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">\n"
                + "    <text x=\"" + labelWidth / 2 + "\" y=\"14\">" + LABEL + "</text>\n"
                + "    <text x=\"" + (labelWidth + valueWidth / 2) + "\" y=\"14\">" + value + "</text>\n"
                + "  </g>\n"
                + "</svg>\n";
    }
}
