package com.acme.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
    private final TemplateRenderer renderer =
        new TemplateRenderer(Map.of("refund_issued", "We refunded {{amount}}."));

    @Test
    void rendersPlaceholders() {
        assertEquals("We refunded 12.50 EUR.", renderer.render("refund_issued", Map.of("amount", "12.50 EUR")));
    }

    @Test
    void missingValueIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> renderer.render("refund_issued", Map.of()));
    }
}
