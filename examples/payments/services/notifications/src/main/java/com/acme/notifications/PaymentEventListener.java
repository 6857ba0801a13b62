package com.acme.notifications;

import java.util.Map;

/** Turns payment events (channel payments.events) into customer notifications. */
public class PaymentEventListener {
    private final NotificationSender sender;

    public PaymentEventListener(NotificationSender sender) {
        this.sender = sender;
    }

    /** Handles one decoded event; unknown event types are ignored. */
    public void onPaymentEvent(Map<String, String> event) {
        String type = event.getOrDefault("type", "");
        String customer = event.getOrDefault("customer_id", "");
        String amount = TemplateRenderer.formatAmount(
            Long.parseLong(event.getOrDefault("amount", "0")), event.getOrDefault("currency", "EUR"));
        switch (type) {
            case "payment.succeeded" -> notifyCustomer(customer, "payment_receipt", amount);
            case "payment.refunded" -> notifyCustomer(customer, "refund_issued", amount);
            case "payment.failed" -> notifyCustomer(customer, "payment_failed", amount);
            default -> { }
        }
    }

    private void notifyCustomer(String customerId, String template, String amount) {
        sender.send(new Notification(customerId, Notification.Channel.EMAIL, template, Map.of("amount", amount)));
    }
}
