package com.acme.notifications;

import java.util.Map;

/** A message to one customer on one channel, rendered from a template. */
public record Notification(String customerId, Channel channel, String template, Map<String, String> values) {

    /** Delivery channels, in order of preference. */
    public enum Channel {
        EMAIL,
        SMS
    }
}
