package io.databourse.console.auth;

import io.databourse.journal.schema.Codes;
import io.databourse.settlement.http.Credentials;

/**
 * What a console user may see and do. Decided on the server for every request, from two sources
 * that must agree: the role of the credential that logged in, and the roles the journal's
 * reference data gives the participant now (so a misconfigured credentials line alone grants
 * nothing, and a role the matcher withdraws is withdrawn here at the next request).
 */
public enum ConsoleRole
{
    /** Its own orders, trades, positions, entitlements and allocations; the catalogue and the order ticket. */
    PARTICIPANT,
    /** Also every participant's positions, concentration, per-product prices and depth, CSV export. */
    RISK_OFFICER,
    /** Also alerts, the review queue, and suspending participants or halting products. */
    REGULATOR;

    /** The effective role of a credential role given the participant's journal role mask (-1: not registered). */
    public static ConsoleRole of(final Credentials.Role credentialRole, final int journalRoles)
    {
        if (journalRoles >= 0)
        {
            if (Credentials.Role.REGULATOR == credentialRole && Codes.Role.has(journalRoles, Codes.Role.REGULATOR))
            {
                return REGULATOR;
            }
            if (Credentials.Role.RISK_OFFICER == credentialRole && Codes.Role.has(journalRoles, Codes.Role.RISK_OFFICER))
            {
                return RISK_OFFICER;
            }
        }
        return PARTICIPANT;
    }

    /** Sees every participant's positions (risk officers and regulators). */
    public boolean seesAll()
    {
        return this != PARTICIPANT;
    }

    public String wireName()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
