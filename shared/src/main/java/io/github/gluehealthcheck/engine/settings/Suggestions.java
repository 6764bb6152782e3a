package io.github.gluehealthcheck.engine.settings;

import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for misspelt setting names and values. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The known setting closest to {@code name}, if close enough to be a likely typo. */
    public static Optional<Setting> closestSetting(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
        Setting best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting s : Setting.values()) {
            int d = distance(n, s.key());
            if (d < bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, n.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    /** The candidate closest to {@code value}, if close enough. */
    public static Optional<String> closest(String value, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(value.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, value.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
