package org.mburoja.operators;

/**
 * How the national centre reaches an operator: its security contact (e-mail and phone) and a line answered at any
 * hour (24/7). Phones are stored in E.164, e-mail domains in ASCII.
 */
public record Contacts(String securityEmail, String securityPhone, String emergencyName, String emergencyPhone) {
}
