package io.github.gluehealthcheck.engine.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Marks every failed call with the operation that failed, so that {@link AwsFailure} can name it ("the answer to
 * glue:GetJobRun could not be read", "glue:DeleteJob was denied") wherever the failure is reported. The mark is a
 * suppressed exception: the SDK's own exception, and so every {@code catch} of a modelled error, stays as it was.
 */
final class FailedOperation implements ExecutionInterceptor {
    private final String service;

    /** The interceptor of one client; {@code service} is its signing name ({@code glue}, {@code s3}, ...). */
    FailedOperation(String service) {
        this.service = service;
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation != null && of(failure) == null) {
            failure.addSuppressed(new Mark(service + ":" + operation));
        }
        return failure;
    }

    /** The operation a failure was marked with, as {@code service:Operation}, or null. */
    static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof Mark m) {
                    return m.getMessage();
                }
            }
        }
        return null;
    }

    /** The mark: only its message, the operation, without a stack trace. */
    private static final class Mark extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mark(String operation) {
            super(operation, null, false, false);
        }
    }
}
