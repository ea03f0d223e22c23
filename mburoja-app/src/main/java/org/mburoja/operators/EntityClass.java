package org.mburoja.operators;

/**
 * NIS2 entity class of an operator. Albanian law (Law 25/2024 on cyber security) names the same two tiers
 * "critical information infrastructure" and "important information infrastructure"; the UI shows both names.
 */
public enum EntityClass {
    /** NIS2 essential entity; in Albania, critical information infrastructure (infrastrukturë kritike informacioni). */
    ESSENTIAL,
    /** NIS2 important entity; in Albania, important information infrastructure (infrastrukturë e rëndësishme informacioni). */
    IMPORTANT
}
