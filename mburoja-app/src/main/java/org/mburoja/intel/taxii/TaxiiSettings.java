package org.mburoja.intel.taxii;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings of the TAXII server ({@code mburoja.taxii.*}): its title, the one API root, the largest request body
 * accepted ({@code max_content_length}, 10 MiB by default) and page sizes (default 100, at most 1000).
 */
@Component
class TaxiiSettings {

    final String title;
    final String contact;
    final String apiRoot;
    final long maxContentLength;
    final int defaultLimit;
    final int maxLimit;

    TaxiiSettings(@Value("${mburoja.taxii.title:Mburoja TAXII 2.1 server}") String title,
                  @Value("${mburoja.taxii.contact:}") String contact,
                  @Value("${mburoja.taxii.api-root:intel}") String apiRoot,
                  @Value("${mburoja.taxii.max-content-length:10485760}") long maxContentLength,
                  @Value("${mburoja.taxii.default-limit:100}") int defaultLimit,
                  @Value("${mburoja.taxii.max-limit:1000}") int maxLimit) {
        this.title = title;
        this.contact = contact;
        this.apiRoot = apiRoot;
        this.maxContentLength = maxContentLength;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }
}
