package com.acme.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** Sends rendered notifications through the e-mail and SMS gateways, with a bounded retry. */
public class NotificationSender {
    private static final Logger LOG = Logger.getLogger(NotificationSender.class.getName());
    private static final int MAX_ATTEMPTS = 3;

    /** A delivery gateway (SMTP relay, SMS provider). */
    public interface Gateway {
        void deliver(String customerId, String body) throws DeliveryException;
    }

    /** Delivery failed; transient failures are retried. */
    public static class DeliveryException extends Exception {
        private final boolean transientFailure;

        public DeliveryException(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final TemplateRenderer renderer;
    private final Gateway email;
    private final Gateway sms;
    private final List<Notification> deadLetters = new ArrayList<>();

    public NotificationSender(TemplateRenderer renderer, Gateway email, Gateway sms) {
        this.renderer = renderer;
        this.email = email;
        this.sms = sms;
    }

    /** Renders and sends one notification; after MAX_ATTEMPTS it goes to the dead letters. */
    public boolean send(Notification notification) {
        String body = renderer.render(notification.template(), notification.values());
        Gateway gateway = notification.channel() == Notification.Channel.SMS ? sms : email;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                gateway.deliver(notification.customerId(), body);
                return true;
            } catch (DeliveryException e) {
                LOG.warning("attempt " + attempt + " failed for " + notification.customerId() + ": " + e.getMessage());
                if (!e.isTransient()) {
                    break;
                }
            }
        }
        deadLetters.add(notification);
        return false;
    }

    public List<Notification> deadLetters() {
        return List.copyOf(deadLetters);
    }
}
