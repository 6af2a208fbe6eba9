import { createContext, useContext } from 'react';
import type { JsonSchema } from '../core/contracts/schema';

export interface FormEnv {
  root: JsonSchema;
  yamlVersion: '1.1' | '1.2';
}

export const FormContext = createContext<FormEnv | null>(null);

export function useFormEnv(): FormEnv {
  const env = useContext(FormContext);
  if (!env) throw new Error('useFormEnv outside <FormContext.Provider>');
  return env;
}
