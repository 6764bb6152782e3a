package hudson.util;

import java.util.ArrayList;

/**
 * Compile-only stand-in for {@code hudson.util.ListBoxModel}, Jenkins core 2.555.3: the list a form's {@code doFill...Items}
 * returns (upstream also implements {@code HttpResponse}), and its constructor. Never packaged.
 */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    public ListBoxModel() {
    }

    /** Stand-in for {@code hudson.util.ListBoxModel.Option}: only the type; the plugin makes no options itself. */
    public static final class Option {
        private Option() {
        }
    }
}
