/** The one field kit and form layout every form in the app uses. */
export {
  asApiError,
  describedBy,
  type Errors,
  ErrorSummary,
  FieldError,
  FormProblems,
  type FormState,
  useErrorSummary,
  useFormState,
} from './errors.js';
export {
  CheckboxField,
  CheckboxGroup,
  DateField,
  Field,
  type FieldProps,
  fieldAria,
  Fieldset,
  type Option,
  orNull,
  RadioField,
  SelectField,
  SubmitRow,
  TextAreaField,
  TextField,
} from './fields.js';
export { type Conflict, ItemForm, type ItemFormProps } from './ItemForm.js';
