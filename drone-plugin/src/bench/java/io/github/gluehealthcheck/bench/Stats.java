package io.github.gluehealthcheck.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Order statistics of a sample, and how to print them. */
final class Stats {
    private final List<Double> sorted;

    Stats(List<Double> values) {
        sorted = new ArrayList<>(values);
        Collections.sort(sorted);
    }

    int n() {
        return sorted.size();
    }

    double median() {
        return quantile(0.5);
    }

    double min() {
        return sorted.isEmpty() ? Double.NaN : sorted.get(0);
    }

    double max() {
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
    }

    /** Linear interpolation between closest ranks (the median of an even sample is the mean of the middle two). */
    double quantile(double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        double pos = q * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    /** "median 1.23 (min 1.10, max 1.50, n 10)" with {@code digits} decimals. */
    String describe(int digits) {
        return String.format(Locale.ROOT, "%s (min %s, max %s, n %d)", f(median(), digits), f(min(), digits),
                f(max(), digits), n());
    }

    /** A peak RSS from GNU time's KB, in whole MB (rounded, as the medians are). */
    static long mb(long kb) {
        return Math.round(kb / 1024.0);
    }

    static String f(double v, int digits) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    List<Double> values() {
        return sorted;
    }
}
