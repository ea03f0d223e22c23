package org.mburoja.intel.web;

import org.mburoja.intel.IntelAccessDenied;
import org.mburoja.intel.UnknownCollection;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Error pages of the intelligence pages, taking precedence over the JSON handlers of {@link IntelApiErrors} (which
 * cover this package). A refusal by the store was already audited there, so it is answered here, not rethrown.
 */
abstract class IntelPageErrors {

    @ExceptionHandler(IntelAccessDenied.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied(IntelAccessDenied e, Model model) {
        return problem(model, e.getMessage());
    }

    @ExceptionHandler({UnknownCollection.class, IntelPages.IntelPageNotFound.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String missing(RuntimeException e, Model model) {
        return problem(model, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String bad(IllegalArgumentException e, Model model) {
        return problem(model, e.getMessage());
    }

    private static String problem(Model model, String message) {
        model.addAttribute("problem", message);
        return "intel/problem";
    }
}
