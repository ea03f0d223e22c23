package org.mburoja.incidents.internal;

import java.util.Map;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.incidents.internal.CaseViews.CaseDetail;
import org.mburoja.incidents.reporting.ReportingSchedule;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Exports of a case (STIX 2.1 bundle, PDF report); each export is audited since it lets data leave the platform. */
@Service
public class CaseExports {

    private final CaseService cases;
    private final CaseWorkService work;
    private final EvidenceService evidence;
    private final Organisations organisations;
    private final ReportingSchedule schedule;
    private final AuditLog audit;

    public CaseExports(CaseService cases, CaseWorkService work, EvidenceService evidence, Organisations organisations,
                       ReportingSchedule schedule, AuditLog audit) {
        this.cases = cases;
        this.work = work;
        this.evidence = evidence;
        this.organisations = organisations;
        this.schedule = schedule;
        this.audit = audit;
    }

    @Transactional
    public Map<String, Object> stix(Actor actor, UUID caseId) {
        IncidentAccess.requireStaff(actor, "export cases as STIX");
        CaseDetail d = detail(actor, caseId);
        String authority = organisations.nationalAuthority().map(Organisation::name).orElse("Mburoja national authority");
        Map<String, Object> bundle = CaseStixExport.bundle(d, authority);
        audit.append(actor, "incident.case.export-stix", "incident-case", caseId.toString(), null, Map.of("bundle", bundle.get("id")));
        return bundle;
    }

    @Transactional
    public byte[] pdf(Actor actor, UUID caseId) {
        CaseDetail d = detail(actor, caseId);
        String operator = d.summary().organisationId() == null ? null
                : organisations.find(new OrganisationId(d.summary().organisationId())).map(Organisation::name).orElse(null);
        byte[] pdf = CaseReportPdf.render(d, schedule.policy().zone(), operator);
        audit.append(actor, "incident.case.export-pdf", "incident-case", caseId.toString(), null,
                Map.of("bytes", pdf.length, "sha256", ReportService.sha256(pdf)));
        return pdf;
    }

    private CaseDetail detail(Actor actor, UUID caseId) {
        cases.visible(actor, caseId);
        return work.detail(actor, caseId, evidence.ofCase(caseId));
    }
}
