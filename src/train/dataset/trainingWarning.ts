/** Something about the data that training went ahead with but a person should look at. */
export interface TrainingWarning {
  /**
   * `numeric_looking_categorical`: most cells are numbers but the column is categorical (a stray
   * text value, an unlisted missing-value token, or `--categorical`); `high_cardinality_categorical`:
   * nearly every row has its own category; `category_spellings_merged`: values written differently
   * (surrounding whitespace, Unicode form, width, invisible characters) were read as one category (see
   * `categoryKey`), or a category was written in one such spelling only; `categories_differ_only_in_case`:
   * two categories are the same but for case, and kept as two; `cells_trimmed`: cells with surrounding
   * whitespace were read without it (numbers, missing-value tokens, whitespace-only cells read as
   * missing), counted with the first line; `numbers_with_leading_zeros`: numbers written like codes
   * (`007`), read as numbers; `columns_differ_only_in_case`: two column names are the same but for case,
   * and read as two columns; `column_without_signal`: every row trained on holds the same value, or
   * every one is missing, so the model learns nothing from the column; `holdout_one_outcome`: every
   * holdout row holds the same outcome (`column` is the target), so AUC and KS cannot be measured on it;
   * `model_without_splits`: no tree of the model written splits (`column` is the target), so every
   * row scores one probability and the model ranks no one.
   */
  readonly code:
    | 'numeric_looking_categorical'
    | 'high_cardinality_categorical'
    | 'category_spellings_merged'
    | 'categories_differ_only_in_case'
    | 'cells_trimmed'
    | 'numbers_with_leading_zeros'
    | 'columns_differ_only_in_case'
    | 'column_without_signal'
    | 'holdout_one_outcome'
    | 'model_without_splits';
  readonly column: string;
  readonly message: string;
}
