export { planEdit, EditError, formatPath, type EditIntent, type EditPlan } from './planner';
