package org.mburoja.identity;

/**
 * A generated one-time password handed to an administrator (new user, reset) to pass on. It is shown once and must
 * be changed at the next login; {@link #toString()} hides it so that it cannot slip into a log line.
 */
public record IssuedPassword(User user, String password) {

    @Override
    public String toString() {
        return "IssuedPassword[user=" + user.username() + ", password=[hidden]]";
    }
}
