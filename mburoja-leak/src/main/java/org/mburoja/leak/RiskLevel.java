package org.mburoja.leak;

/** How serious a leak is for the people in it; HIGH and above means the data subjects must be told (GDPR Art. 34). */
public enum RiskLevel {
    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    public boolean notifySubjects() {
        return compareTo(HIGH) >= 0;
    }
}
