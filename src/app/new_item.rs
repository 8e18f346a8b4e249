//! The commands that create and delete items: a new objective, KPI, perspective, theme,
//! department or initiative with sensible defaults, named in the user's language, placed where
//! the selection suggests and then selected. Menus, the palette, the map and the inspector all
//! call these, so an item made one way is the item made any other.

use super::{AppCommand, DocCommand, Item};
use crate::i18n::{Lang, T};
use crate::model::lint::Subject;
use crate::model::*;

fn upsert(item: Item, label: String) -> AppCommand {
    AppCommand::Doc { command: DocCommand::Upsert(item), label, merge: None }
}

/// A free spot for a new objective in a perspective's band: right of its objectives.
pub fn free_spot(p: &Project, perspective: &PerspectiveId) -> Point {
    let right = p.objectives_in(perspective).map(|o| o.position.x + o.size.w).fold(0.0, f64::max);
    Point { x: if right > 0.0 { right + 30.0 } else { 30.0 }, y: 30.0 }
}

/// An objective named `name` at `position` in `perspective`, selected.
pub fn objective_at(
    p: &Project,
    perspective: PerspectiveId,
    position: Point,
    name: String,
    lang: Lang,
) -> (ObjectiveId, Vec<AppCommand>) {
    let id = p.next_objective_id();
    let o = Objective {
        id: id.clone(),
        name,
        description: String::new(),
        perspective,
        theme: None,
        owner: String::new(),
        weight: 1.0,
        roll_up: RollUp::WeightedAverage,
        position,
        size: Objective::DEFAULT_SIZE,
        pinned: false,
        colour: None,
    };
    let label = format!("{} {}", T::ActAddObjective.get(lang), T::NewObjectiveName.get(lang));
    (id.clone(), vec![upsert(Item::Objective(o), label), AppCommand::Select(Some(Subject::Objective(id)))])
}

/// A new objective in the selected perspective (or the selected objective's), else the first.
pub fn objective(p: &Project, selection: Option<&Subject>, lang: Lang) -> Vec<AppCommand> {
    let perspective = match selection {
        Some(Subject::Perspective(id)) => Some(id.clone()),
        Some(Subject::Objective(id)) => p.objective(id).map(|o| o.perspective.clone()),
        _ => None,
    }
    .or_else(|| p.perspectives.first().map(|x| x.id.clone()));
    let Some(perspective) = perspective else { return Vec::new() };
    let position = free_spot(p, &perspective);
    let (_, mut out) = objective_at(p, perspective, position, T::NewObjectiveName.get(lang).into(), lang);
    out.push(AppCommand::ShowView(super::View::Map));
    out
}

/// A new KPI of an objective or a department, taking the weight the others leave.
pub fn kpi_of(
    p: &Project,
    objective: Option<ObjectiveId>,
    department: Option<DepartmentId>,
    lang: Lang,
) -> Vec<AppCommand> {
    let id = p.next_kpi_id();
    let mut k = Kpi::new(id.clone(), T::NewKpiName.get(lang));
    let used: f64 = p
        .kpis
        .iter()
        .filter(|x| {
            (objective.is_some() && x.objective == objective)
                || (department.is_some() && x.department == department)
        })
        .map(|x| x.weight)
        .sum();
    k.weight = (100.0 - used).max(0.0);
    k.objective = objective;
    k.department = department;
    let label = format!("{} {}", T::ActAddKpi.get(lang), T::NewKpiName.get(lang));
    vec![upsert(Item::Kpi(Box::new(k)), label), AppCommand::Select(Some(Subject::Kpi(id)))]
}

/// A new KPI where the selection is: its objective or department (a KPI's own), else the first
/// objective.
pub fn kpi(p: &Project, selection: Option<&Subject>, lang: Lang) -> Vec<AppCommand> {
    let (objective, department) = match selection {
        Some(Subject::Objective(id)) => (Some(id.clone()), None),
        Some(Subject::Department(id)) => (None, Some(id.clone())),
        Some(Subject::Kpi(id)) => {
            p.kpi(id).map(|k| (k.objective.clone(), k.department.clone())).unwrap_or((None, None))
        }
        _ => (p.objectives.first().map(|o| o.id.clone()), None),
    };
    if objective.is_none() && department.is_none() {
        return Vec::new();
    }
    kpi_of(p, objective, department, lang)
}

pub fn perspective(p: &Project, lang: Lang) -> Vec<AppCommand> {
    let id = p.next_perspective_id();
    let item = Perspective {
        id: id.clone(),
        name: T::NewPerspectiveName.get(lang).into(),
        colour: Colour::rgb(0x45, 0x5a, 0x64),
        weight: 1.0,
        roll_up: RollUp::WeightedAverage,
        description: String::new(),
    };
    vec![
        upsert(Item::Perspective(item), T::ActAddPerspective.get(lang).into()),
        AppCommand::Select(Some(Subject::Perspective(id))),
    ]
}

pub fn theme(p: &Project, lang: Lang) -> Vec<AppCommand> {
    let id = p.next_theme_id();
    let item = Theme {
        id: id.clone(),
        name: T::NewThemeName.get(lang).into(),
        colour: crate::model::colour::most_distinct(
            &p.perspectives
                .iter()
                .map(|x| x.colour)
                .chain(p.themes.iter().map(|t| t.colour))
                .collect::<Vec<_>>(),
        ),
        description: String::new(),
    };
    vec![
        upsert(Item::Theme(item), T::ActAddTheme.get(lang).into()),
        AppCommand::Select(Some(Subject::Theme(id))),
    ]
}

/// A new unit under the selected department, else under the root (a first one is the company).
pub fn department(p: &Project, selection: Option<&Subject>, lang: Lang) -> Vec<AppCommand> {
    let id = p.next_department_id();
    let parent = match selection {
        Some(Subject::Department(d)) => Some(d.clone()),
        _ => p.departments.iter().find(|d| d.parent.is_none()).map(|d| d.id.clone()),
    };
    let mut d = Department::new(id.clone(), T::NewDepartmentName.get(lang), parent.clone());
    if parent.is_none() {
        d.kind = DepartmentKind::Company;
    }
    vec![
        upsert(Item::Department(d), T::ActAddDepartment.get(lang).into()),
        AppCommand::Select(Some(Subject::Department(id))),
    ]
}

/// A new initiative, serving the selected objective if one is.
pub fn initiative(p: &Project, selection: Option<&Subject>, lang: Lang) -> Vec<AppCommand> {
    let id = p.next_initiative_id();
    let mut init = Initiative::new(id.clone(), T::NewInitiativeName.get(lang));
    if let Some(Subject::Objective(o)) = selection {
        init.objectives.push(o.clone());
    }
    vec![
        upsert(Item::Initiative(init), T::ActAddInitiative.get(lang).into()),
        AppCommand::Select(Some(Subject::Initiative(id))),
    ]
}

/// Deletes an item (with what depends on it), one undo step named after it.
/// What goes with deleted objectives (their KPIs and links), said so the user can take it back;
/// `None` when they take nothing with them.
pub fn deletion_notice(p: &Project, objectives: &[ObjectiveId]) -> Option<AppCommand> {
    let kpis = p.kpis.iter().filter(|k| k.objective.as_ref().is_some_and(|o| objectives.contains(o))).count();
    let links = p.links.iter().filter(|l| objectives.contains(&l.from) || objectives.contains(&l.to)).count();
    if kpis == 0 && links == 0 {
        return None;
    }
    let name = match objectives {
        [one] => p.objective(one)?.name.clone(),
        _ => String::new(),
    };
    let n = objectives.len();
    Some(AppCommand::ToastUndo(crate::i18n::Message::new(move |lang| {
        let what = if n == 1 { name.clone() } else { crate::tr!(lang, ObjectivesSelected, n = n) };
        crate::tr!(lang, DeletedWithWhatWent, what = what, kpis = kpis, links = links)
    })))
}

pub fn delete(p: &Project, subject: &Subject, lang: Lang) -> Option<AppCommand> {
    let name = match subject {
        Subject::Project => return None,
        Subject::Perspective(id) => p.perspective(id)?.name.clone(),
        Subject::Theme(id) => p.theme(id)?.name.clone(),
        Subject::Objective(id) => p.objective(id)?.name.clone(),
        Subject::Link(id) => id.0.clone(),
        Subject::Kpi(id) => p.kpi(id)?.label(),
        Subject::Department(id) => p.department(id)?.name.clone(),
        Subject::Initiative(id) => p.initiative(id)?.name.clone(),
        Subject::Element(id) => p.element(id)?.name.clone(),
    };
    Some(AppCommand::Doc {
        command: DocCommand::Delete(subject.clone()),
        label: format!("{} {name}", T::DeleteItem.get(lang)),
        merge: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::AppState;

    fn apply_all(state: &mut AppState, commands: Vec<AppCommand>) {
        for c in commands {
            state.apply(c);
        }
    }

    #[test]
    fn each_new_item_is_valid_named_in_the_language_and_selected() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = AppState::new(dir.path().into(), std::sync::Arc::new(crate::app::jobs::NoDialogs));
        state.prefs.lang = Lang::Zh;
        let lang = Lang::Zh;
        let p = state.project().clone();
        apply_all(&mut state, objective(&p, None, lang));
        let Some(Subject::Objective(o)) = state.selection.clone() else { panic!("{:?}", state.selection) };
        assert_eq!(state.project().objective(&o).unwrap().name, T::NewObjectiveName.zh());
        let (p, selection) = (state.project().clone(), state.selection.clone());
        apply_all(&mut state, kpi(&p, selection.as_ref(), lang));
        let Some(Subject::Kpi(k)) = state.selection.clone() else { panic!() };
        assert_eq!(state.project().kpi(&k).unwrap().objective.as_ref(), Some(&o));
        assert_eq!(state.project().kpi(&k).unwrap().weight, 100.0, "takes the weight left");
        for make in [perspective, theme] {
            let p = state.project().clone();
            apply_all(&mut state, make(&p, lang));
        }
        let p = state.project().clone();
        apply_all(&mut state, department(&p, None, lang));
        let Some(Subject::Department(d)) = state.selection.clone() else { panic!() };
        assert_eq!(
            state.project().department(&d).unwrap().kind,
            DepartmentKind::Company,
            "the first is the company"
        );
        let p = state.project().clone();
        apply_all(&mut state, initiative(&p, Some(&Subject::Objective(o.clone())), lang));
        assert_eq!(state.doc.history().len().0, 6, "one undo step each: {:?}", state.toasts);
        let p = state.project().clone();
        apply_all(&mut state, delete(&p, &Subject::Objective(o.clone()), lang).into_iter().collect());
        assert!(state.project().objective(&o).is_none());
        assert!(delete(state.project(), &Subject::Project, lang).is_none());
    }
}
