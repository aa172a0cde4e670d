// Without the schema library: the content script reads it (zod's eval probe must not ship to pages).

/** Containers taken for a dialog when an action rule names none: native, ARIA, Angular Material, Bootstrap, Ant Design. */
export const DEFAULT_DIALOG =
  'dialog, [role=dialog], [role=alertdialog], .mat-dialog-container, .mat-mdc-dialog-container, .modal, .ant-modal';
