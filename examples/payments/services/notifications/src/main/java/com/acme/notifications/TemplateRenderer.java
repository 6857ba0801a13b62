package com.acme.notifications;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders message templates with {{placeholder}} values; missing values are an error. */
public class TemplateRenderer {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    private final Map<String, String> templates;

    public TemplateRenderer(Map<String, String> templates) {
        this.templates = Map.copyOf(templates);
    }

    /** Renders the named template; throws IllegalArgumentException on an unknown template or value. */
    public String render(String template, Map<String, String> values) {
        String text = templates.get(template);
        if (text == null) {
            throw new IllegalArgumentException("unknown template: " + template);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("template " + template + " needs " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Formats minor units as a decimal amount with its currency, e.g. "25.00 EUR". */
    public static String formatAmount(long minorUnits, String currency) {
        return String.format("%d.%02d %s", minorUnits / 100, Math.abs(minorUnits % 100), currency);
    }
}
