/**
 * Offline hunting: runs a rule set over JSON-lines event files (plain or gzip, from directories or stdin) on several
 * threads, and reports matches and a summary. The {@code mburoja hunt} command is a thin front end over this package.
 */
package org.mburoja.sigma.hunt;
