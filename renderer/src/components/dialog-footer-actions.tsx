/** Props of the usual form-dialog footer. */
export interface DialogFooterActionsProps {
  /** The `id` of the dialog's `<form>`: the submit button sits in the footer, outside it. */
  formId: string;
  onCancel: () => void;
  /** True while the submission runs: the submit button is disabled and shows `pendingLabel`. */
  pending: boolean;
  label: string;
  /** Shown while pending; the label itself when the dialog has no pending wording. */
  pendingLabel?: string;
  tone?: 'primary' | 'danger';
  /** The submit button's `data-testid`. */
  testId: string;
  /** Further reasons to disable the submit button besides `pending`. */
  disabled?: boolean;
}

/** The footer of a form dialog: Cancel, then the button that submits the dialog's form. */
export function DialogFooterActions({ formId, onCancel, pending, label, pendingLabel = label, tone = 'primary', testId, disabled = false }: DialogFooterActionsProps) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" form={formId} className={`button button--${tone}`} disabled={pending || disabled} data-testid={testId}>
        {pending ? pendingLabel : label}
      </button>
    </>
  );
}
