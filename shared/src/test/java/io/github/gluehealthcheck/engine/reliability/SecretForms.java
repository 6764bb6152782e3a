package io.github.gluehealthcheck.engine.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secret scans' one rule for what counts as a leak: a secret in any of the forms it could take on its way
 * out (raw, base64 with and without padding, URL-safe base64, URL-encoded, JSON-escaped), found in any place
 * (output, report, card, exception, ...). Shared with the CLI and Jenkins scans through the engine's test jar.
 */
public final class SecretForms {

    private SecretForms() {
    }

    /** Every form of every secret found in every place, as "form of secret in place". */
    public static List<String> leaks(List<String> secrets, Map<String, String> places) {
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            Map<String, String> forms = new LinkedHashMap<>();
            forms.put("raw", secret);
            forms.put("base64", Base64.getEncoder().encodeToString(bytes));
            forms.put("base64 without padding", Base64.getEncoder().withoutPadding().encodeToString(bytes));
            forms.put("URL-safe base64", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            forms.put("URL-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
            forms.put("JSON-escaped", secret.replace("\\", "\\\\").replace("\"", "\\\""));
            forms.forEach((form, text) -> places.forEach((place, content) -> {
                if (content.contains(text)) {
                    found.add(form + " " + secret + " in " + place);
                }
            }));
        }
        return found;
    }
}
